import random

from mod import distinct_levels


def build_large():
    rng = random.Random(1234)
    samples = []
    for _ in range(10000):
        if rng.random() < 0.05:
            samples.append(None)
        else:
            samples.append(rng.randrange(-5000, 20000))
    return (samples,)


def test_large_trace():
    (samples,) = build_large()
    result = distinct_levels(samples)
    expected = list(dict.fromkeys(s // 5 * 5 for s in samples if s is not None))
    assert result == expected
    assert all(level % 5 == 0 for level in result)
    assert len(result) > 3000


def test_small():
    assert distinct_levels([12, 13, None, 17, 3, 14, -1, -5, None]) == [10, 15, 0, -5]
    assert distinct_levels([12, 13, 17], resolution=1) == [12, 13, 17]


def test_empty_and_all_dropouts():
    assert distinct_levels([]) == []
    assert distinct_levels([None, None]) == []


def test_tuple_input():
    assert distinct_levels((100, 101, 99, 100), resolution=10) == [100, 90]
