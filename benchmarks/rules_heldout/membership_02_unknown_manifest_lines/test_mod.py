import random

from mod import StockLedger


def _sku(n):
    return "SKU-%05d" % n


def _build(n_stock, n_manifest, seed=1234):
    rng = random.Random(seed)
    stock_ids = rng.sample(range(20000), n_stock)
    entries = [(_sku(s), rng.randrange(1, 50)) for s in stock_ids]
    manifest = []
    for _ in range(n_manifest):
        manifest.append((_sku(rng.randrange(20000)), rng.randrange(-2, 40)))
    return entries, manifest, set(stock_ids)


def test_large_manifest():
    entries, manifest, stocked = _build(1500, 3000)
    ledger = StockLedger("AMS-1", entries)
    result = ledger.unknown_lines(manifest)
    expected = [
        (n, sku)
        for n, (sku, qty) in enumerate(manifest, 1)
        if qty > 0 and int(sku[4:]) not in stocked
    ]
    assert result == expected
    assert len(result) > 1000
    # the ledger itself is left untouched
    assert len(ledger.known) == 1500


def test_small_cases():
    ledger = StockLedger("BER-2", [("A", 1), ("B", 0), ("A", 4), ("Ä", 2)])
    assert ledger.on_hand == {"A": 5, "B": 0, "Ä": 2}
    manifest = [("A", 3), ("C", 1), ("C", 0), ("Ä", 1), ("D", -1), ("C", 2), ("E", 5)]
    assert ledger.unknown_lines(manifest) == [(2, "C"), (6, "C"), (7, "E")]
    assert ledger.unknown_lines([]) == []
    empty = StockLedger("X", [])
    assert empty.unknown_lines([("A", 1), ("A", 2)]) == [(1, "A"), (2, "A")]
