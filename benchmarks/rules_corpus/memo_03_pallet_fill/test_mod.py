import random

from mod import can_fill_exactly


def reachable_sums(weights):
    sums = {0}
    for w in weights:
        sums |= {s + w for s in sums}
    return sums


def test_zero_capacity_always_fits():
    assert can_fill_exactly([], 0, 0) is True
    assert can_fill_exactly((5, 7), 2, 0) is True


def test_nothing_left():
    assert can_fill_exactly([], 0, 3) is False
    assert can_fill_exactly([3, 4], 2, 3) is False


def test_small_cases():
    weights = (3, 34, 4, 12, 5, 2)
    assert can_fill_exactly(weights, 0, 9) is True
    assert can_fill_exactly(weights, 0, 30) is False
    assert can_fill_exactly(weights, 1, 3) is False  # the 3 is skipped
    assert can_fill_exactly([6, 6, 6], 0, 12) is True


def test_heavy_manifest_impossible():
    rng = random.Random(1234)
    # all even weights: an odd capacity can never be met
    weights = [2 * rng.randint(5, 60) for _ in range(20)]
    total = sum(weights)
    assert can_fill_exactly(weights, 0, total // 2 | 1) is False
    assert can_fill_exactly(tuple(weights), 0, total - 1) is False
    assert can_fill_exactly(weights, 0, total) is True


def test_heavy_manifest_mixed():
    rng = random.Random(99)
    weights = [rng.randint(10, 90) for _ in range(16)]
    sums = reachable_sums(weights)
    for capacity in (0, 17, 250, 401, 555, sum(weights), sum(weights) + 1):
        assert can_fill_exactly(weights, 0, capacity) is (capacity in sums)
