import random

from mod import Invoice, Shipment, match_shipments


def build_large():
    rng = random.Random(1234)
    refs = [f"PO-{2024}-{n:05d}" for n in range(3000)]
    invoices = [Invoice(rng.choice(refs), rng.randrange(1000, 500_000)) for _ in range(3000)]
    shipments = [Shipment(rng.choice(refs), round(rng.uniform(0.5, 900.0), 1)) for _ in range(2000)]
    return shipments, invoices


def _expected(shipments, invoices):
    pools = {}
    for pos, inv in enumerate(invoices):
        pools.setdefault(inv.ref, []).append(pos)
    taken = set()
    pairs = []
    for s in shipments:
        pool = pools.get(s.ref)
        if pool:
            pos = pool.pop(0)
            taken.add(pos)
            pairs.append((s, invoices[pos]))
    return pairs, [inv for pos, inv in enumerate(invoices) if pos not in taken]


def test_large_batch():
    shipments, invoices = build_large()
    before = list(invoices)
    matched, remaining = match_shipments(shipments, invoices)
    exp_matched, exp_remaining = _expected(shipments, invoices)
    assert len(matched) == len(exp_matched) > 500
    assert all(a[0] is b[0] and a[1] is b[1] for a, b in zip(matched, exp_matched))
    assert len(remaining) == len(exp_remaining)
    assert all(a is b for a, b in zip(remaining, exp_remaining))
    assert invoices == before


def test_small_duplicate_refs():
    i1, i2, i3, i4 = Invoice("A", 1), Invoice("B", 2), Invoice("A", 3), Invoice("Ç", 4)
    s1, s2, s3, s4 = Shipment("A", 1.0), Shipment("A", 2.0), Shipment("A", 3.0), Shipment("Ç", 4.0)
    matched, remaining = match_shipments([s1, s2, s3, s4], [i1, i2, i3, i4])
    assert matched == [(s1, i1), (s2, i3), (s4, i4)]
    assert remaining == [i2]


def test_empty():
    assert match_shipments([], []) == ([], [])
    inv = [Invoice("X", 5)]
    matched, remaining = match_shipments([], inv)
    assert matched == [] and remaining == inv and remaining is not inv
    assert match_shipments([Shipment("X", 1.0)], []) == ([], [])
