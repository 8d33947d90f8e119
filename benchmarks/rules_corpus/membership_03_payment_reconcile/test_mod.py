import random

from mod import PaymentReconciler


def build_large():
    rng = random.Random(1234)
    order_ids = list(range(100000, 100000 + 6000))
    settled = [oid for oid in order_ids if oid % 5 != 0]
    rng.shuffle(settled)
    settled = settled[:4200]
    orders = [(oid, rng.randrange(-500, 20000)) for oid in order_ids]
    return (settled,), (orders,)


def test_large_batch():
    (settled,), (orders,) = build_large()
    rec = PaymentReconciler(settled)
    missing, total = rec.unsettled(orders)
    settled_set = set(settled)
    exp = [(o, a) for o, a in orders if a > 0 and o not in settled_set]
    assert missing == [o for o, _ in exp]
    assert total == sum(a for _, a in exp)
    assert rec.settled_order_ids == settled


def test_small():
    rec = PaymentReconciler([1, 2, 3], currency="USD")
    orders = [(1, 100), (4, 250), (5, 0), (6, -30), (4, 50), (2, 10), (7, 1)]
    assert rec.unsettled(orders) == ([4, 4, 7], 301)


def test_empty():
    assert PaymentReconciler([]).unsettled([]) == ([], 0)
    assert PaymentReconciler([]).unsettled(iter([(9, 5)])) == ([9], 5)
    assert PaymentReconciler([9]).unsettled([(9, 5)]) == ([], 0)
