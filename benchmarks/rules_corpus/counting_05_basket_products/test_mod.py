import random

from mod import product_popularity


def make_baskets(n_baskets, seed=1234):
    rng = random.Random(seed)
    catalog = list(range(1, 3000))
    staples = catalog[:40]
    baskets = []
    for _ in range(n_baskets):
        size = rng.randrange(0, 15)
        baskets.append([rng.choice(catalog) if rng.random() < 0.8 else rng.choice(staples)
                        for _ in range(size)])
    return baskets


def test_large_history():
    baskets = make_baskets(5000)
    snapshot = [list(b) for b in baskets]
    result = product_popularity(baskets)
    assert baskets == snapshot
    assert type(result) is dict
    total = sum(len(b) for b in baskets)
    assert sum(result.values()) == total
    expected = [0] * 3000
    for b in baskets:
        for p in b:
            expected[p] += 1
    for pid, n in result.items():
        assert expected[pid] == n
    assert len(result) == sum(1 for n in expected if n)
    flat_order = list(dict.fromkeys(p for b in baskets for p in b))
    assert list(result) == flat_order


def test_empty_inputs():
    assert product_popularity([]) == {}
    assert product_popularity([[], [], []]) == {}


def test_duplicates_in_basket_and_generator():
    result = product_popularity(iter([[7, 7, 3], [3], [], [9, 7]]))
    assert result == {7: 3, 3: 2, 9: 1}
    assert list(result) == [7, 3, 9]
