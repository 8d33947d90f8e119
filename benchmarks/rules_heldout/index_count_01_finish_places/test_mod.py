import random

import pytest

from mod import finishing_places


def _race(n_finishers, n_queries, seed=1234):
    rng = random.Random(seed)
    bibs = ["B%05d" % i for i in range(n_finishers)]
    rng.shuffle(bibs)
    queries = [bibs[rng.randrange(n_finishers)] for _ in range(n_queries)]
    queries = [(" %s " % q) if k % 4 == 0 else q for k, q in enumerate(queries)]
    return bibs, queries


def test_large_race():
    order, queries = _race(8000, 2500)
    places = finishing_places(order, queries)
    rank = {bib: i + 1 for i, bib in enumerate(order)}
    expected = {}
    for q in queries:
        expected[q.strip()] = rank[q.strip()]
    assert places == expected
    assert list(places) == list(expected)


def test_large_race_missing_runner():
    order, queries = _race(8000, 1000)
    queries.append("B99999")
    with pytest.raises(ValueError):
        finishing_places(order, queries)


def test_small_cases():
    assert finishing_places([], []) == {}
    assert finishing_places(["a"], ["", "  "]) == {}
    order = ["Ana", "Björn", "Çelik", "Ana"]
    assert finishing_places(order, ["Çelik", "Ana", " Björn", "Ana"]) == {"Çelik": 3, "Ana": 1, "Björn": 2}
    with pytest.raises(ValueError, match="is not in list"):
        finishing_places(order, ["Dora"])
