import random

from mod import attach_customers

COUNTRIES = ["DE", "FR", "JP", "BR", "US", "IN"]


def build_large():
    rng = random.Random(1234)
    customers = [
        {"id": 10_000 + k, "name": f"Customer {k}", "country": COUNTRIES[k % len(COUNTRIES)]}
        for k in range(2000)
    ]
    rng.shuffle(customers)
    orders = [
        {"id": f"ord-{i:05d}", "customer_id": 10_000 + rng.randrange(2300), "total": rng.randrange(100, 99_999)}
        for i in range(3500)
    ]
    return orders, customers


def test_large_join():
    orders, customers = build_large()
    rows = attach_customers(orders, customers)
    assert len(rows) == len(orders)
    for order, row in zip(orders, rows):
        k = order["customer_id"] - 10_000
        assert row["order_id"] == order["id"] and row["total"] == order["total"]
        if k < 2000:
            assert row["customer"] == f"Customer {k}"
            assert row["country"] == COUNTRIES[k % len(COUNTRIES)]
        else:
            assert row["customer"] is None and row["country"] is None


def test_duplicate_customer_ids_first_wins():
    customers = [
        {"id": 1, "name": "Ada", "country": "UK"},
        {"id": 1, "name": "Ada (old)", "country": "IE"},
        {"id": "2", "name": "Jürgen", "country": "DE"},
    ]
    orders = [
        {"id": "a", "customer_id": 1, "total": 5},
        {"id": "b", "customer_id": 2, "total": 7},
        {"id": "c", "customer_id": "2", "total": 9},
    ]
    assert attach_customers(orders, customers) == [
        {"order_id": "a", "total": 5, "customer": "Ada", "country": "UK"},
        {"order_id": "b", "total": 7, "customer": None, "country": None},
        {"order_id": "c", "total": 9, "customer": "Jürgen", "country": "DE"},
    ]


def test_empty():
    assert attach_customers([], [{"id": 1, "name": "x", "country": "y"}]) == []
    assert attach_customers([{"id": 1, "customer_id": 3, "total": 0}], []) == [
        {"order_id": 1, "total": 0, "customer": None, "country": None}
    ]
