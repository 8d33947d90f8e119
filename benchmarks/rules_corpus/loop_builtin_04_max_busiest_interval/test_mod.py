import random

from mod import busiest_interval


def minute_histogram(n, seed=1234):
    rng = random.Random(seed)
    base = 400
    counts = []
    for minute in range(n):
        daily = 300 if 9 * 60 <= minute % 1440 <= 17 * 60 else 0
        counts.append(base + daily + rng.randint(0, 250))
    return counts


def test_large_histogram():
    counts = minute_histogram(80000)
    index, count = busiest_interval(counts)
    top = sorted(counts)[-1]
    assert count == top
    assert counts[index] == top
    assert top not in counts[:index]


def test_ties_and_generators():
    assert busiest_interval([5, 9, 1, 9, 9]) == (1, 9)
    assert busiest_interval(iter([3, 3, 3])) == (0, 3)
    assert busiest_interval(c * 2 for c in [1, 4, 2]) == (1, 8)
    assert busiest_interval((0, -1, -5)) == (0, 0)


def test_small_and_edge_cases():
    assert busiest_interval([]) is None
    assert busiest_interval(iter([])) is None
    assert busiest_interval([17]) == (0, 17)
    assert busiest_interval([-3, -2, -9]) == (1, -2)
    assert busiest_interval([2.5, 2.75, 2.0]) == (1, 2.75)
