import math
import random

from mod import flag_outliers


def make_readings(n, seed=1234):
    rng = random.Random(seed)
    values = [20.0 + rng.gauss(0.0, 0.8) for _ in range(n)]
    for i in range(0, n, 97):
        values[i] += rng.choice([-6.0, 7.5])
    return values


def test_large_batch():
    readings = make_readings(4000)
    snapshot = list(readings)
    result = flag_outliers(readings, 3.0)
    assert readings == snapshot
    mean = math.fsum(readings) / len(readings)
    expected = [i for i, v in enumerate(readings) if abs(v - mean) > 3.0]
    assert result == expected
    assert set(range(0, 4000, 97)) <= set(result)


def test_empty_and_single():
    assert flag_outliers([], 1.0) == []
    assert flag_outliers([5.0], 0.0) == []


def test_small_exact_ints():
    assert flag_outliers([1, 2, 3, 100], 10) == [0, 1, 2, 3]
    assert flag_outliers([10, 10, 10, 10], 0) == []
    assert flag_outliers([0, 0, 0, 12], 5) == [3]
