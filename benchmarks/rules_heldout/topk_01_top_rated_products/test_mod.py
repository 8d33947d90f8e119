import random

from mod import top_rated


def _catalogue(n, seed=1234):
    rng = random.Random(seed)
    return [
        {"name": "prod-%05d" % i, "rating": rng.randrange(10, 51) / 10, "reviews": rng.randrange(0, 40), "price": i % 97}
        for i in range(n)
    ]


def _expected(products, k, min_reviews):
    # insertion-based reference: stable for ties
    best = []
    for p in products:
        if p["reviews"] < min_reviews:
            continue
        key = (p["rating"], p["reviews"])
        pos = len(best)
        while pos > 0 and (best[pos - 1][0]) < key:
            pos -= 1
        best.insert(pos, (key, p["name"]))
        del best[k:]
    return [name for _, name in best]


def test_large_catalogue():
    products = _catalogue(20000)
    result = top_rated(products, k=25)
    assert result == _expected(products, 25, 5)
    assert len(result) == 25


def test_large_catalogue_many_ties():
    products = _catalogue(20000, seed=5)
    for p in products:
        p["rating"] = 4.5 if p["price"] % 3 == 0 else 3.0
        p["reviews"] = 10 + p["price"] % 2
    assert top_rated(products, k=40, min_reviews=0) == _expected(products, 40, 0)


def test_small_cases():
    assert top_rated([], k=3) == []
    cat = [
        {"name": "a", "rating": 4.0, "reviews": 10},
        {"name": "b", "rating": 4.0, "reviews": 10},
        {"name": "ç", "rating": 5.0, "reviews": 1},
        {"name": "d", "rating": 4.0, "reviews": 12},
    ]
    assert top_rated(cat, k=3) == ["d", "a", "b"]
    assert top_rated(cat, k=10, min_reviews=0) == ["ç", "d", "a", "b"]
    assert top_rated(cat, k=0) == []
    assert top_rated(cat, k=-1) == []
    assert top_rated(cat, k=2, min_reviews=100) == []
