import random

import pytest

from mod import total_distance_m

FACTORS = {"mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "in": 0.0254,
           "ft": 0.3048, "yd": 0.9144, "mi": 1609.344, "nmi": 1852.0}


def make_segments(n, seed=1234):
    rng = random.Random(seed)
    units = list(FACTORS)
    return [(round(rng.uniform(0.1, 50.0), 3), rng.choice(units)) for _ in range(n)]


def test_large_log():
    segments = make_segments(30000)
    total = total_distance_m(segments)
    expected = 0.0
    for value, unit in segments:
        expected += value * FACTORS[unit]
    assert total == expected
    assert type(total) is float


def test_empty():
    result = total_distance_m([])
    assert result == 0.0 and type(result) is float


def test_small_exact():
    assert total_distance_m([(1, "km"), (500, "m"), (2, "mi")]) == 1000.0 + 500.0 + 3218.688
    assert total_distance_m([(3, "ft"), (1, "yd")]) == 3 * 0.3048 + 0.9144


def test_unknown_unit():
    with pytest.raises(KeyError):
        total_distance_m([(1, "km"), (2, "furlong")])
