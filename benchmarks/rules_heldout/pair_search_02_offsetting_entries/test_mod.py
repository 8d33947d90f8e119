import random

from mod import find_offsetting_pair


def _brute_expected(amounts, target):
    # independent: index every value, then scan i in order with a sorted search
    where = {}
    for j, v in enumerate(amounts):
        where.setdefault(v, []).append(j)
    for i, v in enumerate(amounts):
        for j in where.get(target - v, []):
            if j > i:
                return (i, j)
    return None


def _ledger(n, seed=1234):
    rng = random.Random(seed)
    # all positive bookings: nothing offsets to zero
    return [rng.randrange(1, 10_000_000) for _ in range(n)]


def test_large_no_pair():
    amounts = _ledger(2600)
    assert find_offsetting_pair(amounts) is None


def test_large_pair_near_the_end():
    amounts = _ledger(2600)
    amounts[2400] = 123456
    amounts[2550] = -123456
    assert find_offsetting_pair(amounts) == (2400, 2550)
    assert find_offsetting_pair(amounts) == _brute_expected(amounts, 0)


def test_nonzero_target():
    rng = random.Random(99)
    amounts = [rng.randrange(-5000, 5000) for _ in range(400)]
    for target in (0, 7, -4321, 9999, 123456):
        assert find_offsetting_pair(amounts, target) == _brute_expected(amounts, target)


def test_small_cases():
    assert find_offsetting_pair([]) is None
    assert find_offsetting_pair([0]) is None
    assert find_offsetting_pair([0, 0]) == (0, 1)
    assert find_offsetting_pair([5, 3, -3, -5]) == (0, 3)
    assert find_offsetting_pair([1, 2, 3, 4], target=5) == (0, 3)
    assert find_offsetting_pair([2, 2, 2], target=4) == (0, 1)
    assert find_offsetting_pair([3, 1, 3], target=6) == (0, 2)
