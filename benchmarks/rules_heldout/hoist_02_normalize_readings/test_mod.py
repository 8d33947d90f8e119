import random

import pytest

from mod import normalize_readings


def _series(n, seed=1234):
    rng = random.Random(seed)
    return [round(rng.uniform(-0.5, 80.0), 3) for _ in range(n)]


def test_large_series():
    series = _series(2500)
    peak = max(series)
    result = normalize_readings(series, noise_floor=0.5)
    assert len(result) == 2500
    for value, r in zip(series, result):
        if value < 0.5:
            assert r == 0.0
        else:
            assert r == round(value / peak, 4)
    assert max(result) == 1.0


def test_large_series_default_floor_and_tuple():
    series = tuple(abs(x) + 1 for x in _series(2000, seed=7))
    peak = max(series)
    result = normalize_readings(series, digits=2)
    assert result == [round(v / peak, 2) for v in series]
    assert all(0 < r <= 1 for r in result)
    assert result.count(1.0) >= 1


def test_small_cases():
    assert normalize_readings([2, 4, 1]) == [0.5, 1.0, 0.25]
    assert normalize_readings([5]) == [1.0]
    assert normalize_readings([-1, 2], noise_floor=0) == [0.0, 1.0]
    assert normalize_readings([1, 3], digits=1) == [0.3, 1.0]
    with pytest.raises(ValueError):
        normalize_readings([])
    with pytest.raises(ZeroDivisionError):
        normalize_readings([0, 0])
    assert normalize_readings([-3, -2], noise_floor=0) == [0.0, 0.0]
