import random

from mod import spend_per_customer_sku


def make_sales(n, seed=1234):
    rng = random.Random(seed)
    customers = ["cust-%05d" % i for i in range(4000)]
    skus = ["SKU%04d" % i for i in range(600)]
    sales = []
    for _ in range(n):
        amount = rng.randrange(-300, 9000)
        if rng.random() < 0.05:
            amount = 0
        sales.append((rng.choice(customers), rng.choice(skus), amount))
    return sales


def test_large_feed():
    sales = make_sales(30000)
    result = spend_per_customer_sku(sales)
    assert type(result) is dict
    positive = [s for s in sales if s[2] > 0]
    assert sum(result.values()) == sum(s[2] for s in positive)
    assert list(result) == list(dict.fromkeys((c, k) for c, k, _ in positive))
    assert all(v > 0 and type(v) is int for v in result.values())
    by_pair = {}
    for c, k, a in sorted(positive):
        by_pair[(c, k)] = by_pair.get((c, k), 0) + a
    assert by_pair == result


def test_empty_and_only_refunds():
    assert spend_per_customer_sku([]) == {}
    assert spend_per_customer_sku([("c1", "s1", -50), ("c1", "s1", 0)]) == {}


def test_small_exact():
    sales = [
        ("ana", "milk", 199),
        ("bo", "bread", 250),
        ("ana", "milk", 199),
        ("ana", "milk", -199),
        ("bo", "milk", 199),
        ("ana", "bread", 250),
    ]
    result = spend_per_customer_sku(iter(sales))
    assert result == {("ana", "milk"): 398, ("bo", "bread"): 250, ("bo", "milk"): 199, ("ana", "bread"): 250}
    assert list(result) == [("ana", "milk"), ("bo", "bread"), ("bo", "milk"), ("ana", "bread")]


def test_float_amounts_keep_type():
    result = spend_per_customer_sku([("z", "y", 1.5), ("z", "y", 2.25)])
    assert result == {("z", "y"): 3.75}
    assert type(result["z", "y"]) is float
