from mod import find_pair_with_total


def build_large():
    # even prices only, odd budget: no pair exists, the whole triangle is scanned
    prices = [2 * ((k * 7919) % 10007) for k in range(2500)]
    return prices, 10001


def test_large_no_pair():
    prices, budget = build_large()
    assert find_pair_with_total(prices, budget) is None


def test_large_late_pair():
    prices, budget = build_large()
    prices = list(prices)
    prices[1800] = 1
    prices[2100] = budget - 1
    prices[2300] = budget - 1
    assert find_pair_with_total(prices, budget) == (1800, 2100)


def test_first_i_wins_over_smaller_j():
    # (0, 3) comes before (1, 2) in scan order
    assert find_pair_with_total([1, 4, 6, 9], 10) == (0, 3)
    assert find_pair_with_total([5, 5, 5], 10) == (0, 1)


def test_small_and_edge():
    assert find_pair_with_total([], 3) is None
    assert find_pair_with_total([3], 6) is None
    assert find_pair_with_total([-2, 7, 0, 5], 5) == (0, 1)
    assert find_pair_with_total([2, 8, 3, 3], 6) == (2, 3)
