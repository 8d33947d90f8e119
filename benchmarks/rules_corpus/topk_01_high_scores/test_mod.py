import random

from mod import top_scores


def test_empty_and_zero():
    assert top_scores([]) == []
    assert top_scores([3, 1, 2], 0) == []


def test_fewer_than_k():
    assert top_scores([4, 9, 1], k=5) == [9, 4, 1]


def test_duplicates():
    assert top_scores([7, 3, 7, 10, 3, 7], 4) == [10, 7, 7, 7]


def test_generator_and_negative_k():
    assert top_scores((n % 5 for n in range(12)), 3) == [4, 4, 3]
    assert top_scores([5, 1, 4, 2], -1) == [5, 4, 2]


def test_large_table():
    rng = random.Random(1234)
    scores = [rng.randint(0, 1_000_000) for _ in range(20000)]
    original = list(scores)
    best = top_scores(scores, 10)
    assert scores == original
    assert len(best) == 10
    assert all(a >= b for a, b in zip(best, best[1:]))
    threshold = best[-1]
    assert sum(1 for s in scores if s > threshold) < 10
    assert sum(1 for s in scores if s >= threshold) >= 10
    assert best[0] == max(scores)
    for value in set(best):
        assert best.count(value) <= scores.count(value)


def test_large_top_hundred():
    scores = [(i * 7919) % 20011 for i in range(20000)]
    assert top_scores(scores, 100) == list(range(20010, 20010 - 100, -1))
