import random

import pytest

from mod import group_order_lines


def _lines(n, seed=1234):
    rng = random.Random(seed)
    out = []
    order_id = 5000
    while len(out) < n:
        order_id += 1
        wh = rng.choice(["AMS", "RTM", "DUS"])
        for _ in range(rng.choice([1, 1, 1, 1, 1, 1, 1, 1, 2])):
            out.append((wh, order_id, "SKU-%04d" % rng.randrange(3000), rng.randrange(0, 8)))
    # a few late additions to earlier orders
    for _ in range(n // 50):
        wh, oid, _sku, _q = out[rng.randrange(len(out))]
        out.append((wh, oid, "SKU-LATE", 1))
    return out


def _expected(lines, skip):
    keys, groups = [], {}
    for wh, oid, sku, qty in lines:
        if skip and qty <= 0:
            continue
        if (wh, oid) not in groups:
            keys.append((wh, oid))
            groups[(wh, oid)] = []
        groups[(wh, oid)].append((sku, qty))
    return keys, groups


def test_large_batch():
    lines = _lines(20000)
    result = group_order_lines(lines)
    keys, groups = _expected(lines, True)
    assert list(result) == keys
    assert result == groups
    assert len(result) > 15000
    assert all(q > 0 for g in result.values() for _, q in g)


def test_large_batch_keep_cancelled():
    lines = _lines(20000, seed=77)
    result = group_order_lines(lines, skip_cancelled=False)
    keys, groups = _expected(lines, False)
    assert list(result) == keys and result == groups
    assert sum(len(g) for g in result.values()) == len(lines)


def test_small_cases():
    assert group_order_lines([]) == {}
    lines = [("AMS", 1, "a", 2), ("RTM", 1, "b", 1), ("AMS", 1, "ç", 0), ("AMS", 1, "d", 3), ("AMS", 2, "e", -1)]
    assert group_order_lines(lines) == {("AMS", 1): [("a", 2), ("d", 3)], ("RTM", 1): [("b", 1)]}
    assert list(group_order_lines(lines, skip_cancelled=False)) == [("AMS", 1), ("RTM", 1), ("AMS", 2)]
    with pytest.raises(ValueError):
        group_order_lines([("AMS", 1, "a")])
