import copy
import random

from mod import attach_customers


def _build(n_orders, n_customers, seed=1234):
    rng = random.Random(seed)
    countries = ["NL", "DE", "FR", "PL", "JP"]
    customers = [
        {"id": 1000 + i, "name": "Customer %d" % i, "country": countries[i % 5]}
        for i in range(n_customers)
    ]
    rng.shuffle(customers)
    orders = [
        {"order_id": j, "customer_id": 1000 + rng.randrange(n_customers + n_customers // 10),
         "total": rng.randrange(100, 50000) / 100}
        for j in range(n_orders)
    ]
    return orders, customers


def test_large_join():
    orders, customers = _build(2500, 2000)
    snapshot = copy.deepcopy(orders)
    result = attach_customers(orders, customers)
    assert orders == snapshot
    assert len(result) == len(orders)
    unknown = 0
    for order, row in zip(orders, result):
        cid = order["customer_id"]
        assert row["order_id"] == order["order_id"] and row["total"] == order["total"]
        if cid >= 3000:
            unknown += 1
            assert row["customer_name"] is None and row["country"] is None
        else:
            i = cid - 1000
            assert row["customer_name"] == "Customer %d" % i
            assert row["country"] == ["NL", "DE", "FR", "PL", "JP"][i % 5]
    assert unknown > 100
    assert result[0] is not orders[0]


def test_first_match_wins_and_edges():
    customers = [
        {"id": 7, "name": "Zoë", "country": "BE"},
        {"id": 7, "name": "Duplicate", "country": "XX"},
        {"id": "7", "name": "String id", "country": "US"},
    ]
    orders = [{"customer_id": 7}, {"customer_id": "7"}, {"customer_id": 8}]
    assert attach_customers(orders, customers) == [
        {"customer_id": 7, "customer_name": "Zoë", "country": "BE"},
        {"customer_id": "7", "customer_name": "String id", "country": "US"},
        {"customer_id": 8, "customer_name": None, "country": None},
    ]
    assert attach_customers([], customers) == []
    assert attach_customers([{"customer_id": 1}], []) == [
        {"customer_id": 1, "customer_name": None, "country": None}
    ]
