import random

import pytest

from mod import Invoice


def order_lines(n, seed=1234):
    rng = random.Random(seed)
    qty = [rng.randint(1, 500) for _ in range(n)]
    price = [rng.randint(5, 250_000) for _ in range(n)]
    return qty, price


def test_large_invoice():
    qty, price = order_lines(60000)
    inv = Invoice(qty, price, discount_cents=12_345)
    expected = -12_345
    for q, p in zip(qty, price):
        expected += q * p
    assert inv.subtotal_cents() == expected
    # unchanged inputs, repeatable
    assert inv.subtotal_cents() == expected
    assert qty == order_lines(60000)[0]


def test_longer_price_list_is_ignored_beyond_quantities():
    inv = Invoice([2, 3], [100, 250, 999_999])
    assert inv.subtotal_cents() == 950


def test_missing_price_raises_index_error():
    with pytest.raises(IndexError):
        Invoice([1, 2, 3], [10, 20]).subtotal_cents()


def test_small_and_edge_cases():
    assert Invoice([], []).subtotal_cents() == 0
    assert Invoice([], [], discount_cents=500).subtotal_cents() == -500
    assert Invoice((1, 1), (7, 7)).subtotal_cents() == 14
    assert Invoice([10**12], [10**12]).subtotal_cents() == 10**24
    assert isinstance(Invoice([3], [4]).subtotal_cents(), int)
