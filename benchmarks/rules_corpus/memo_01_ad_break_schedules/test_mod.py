from mod import count_break_fillings


def table(n):
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(1, n + 1):
        ways[i] = sum(ways[i - s] for s in (1, 2, 4) if i - s >= 0)
    return ways


def test_trivial_breaks():
    assert count_break_fillings(0) == 1
    assert count_break_fillings(-3) == 0
    assert count_break_fillings(1) == 1
    assert count_break_fillings(2) == 2


def test_small_breaks():
    # 4 slots: 1111, 112, 121, 211, 22, 4
    assert count_break_fillings(4) == 6
    assert [count_break_fillings(n) for n in range(9)] == table(8)


def test_return_type():
    assert type(count_break_fillings(5)) is int


def test_long_break():
    expected = table(24)
    assert count_break_fillings(24) == expected[24] == 443409
