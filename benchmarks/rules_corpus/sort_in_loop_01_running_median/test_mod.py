import random
import statistics

from mod import running_medians


def test_empty():
    assert running_medians([]) == []


def test_small_known():
    assert running_medians([5, 1, 3, 8]) == [5, 3.0, 3, 4.0]


def test_duplicates_and_negatives():
    assert running_medians([2, 2, -4, 2, -4, -4]) == [2, 2.0, 2, 2.0, 2, -1.0]


def test_generator_input():
    assert running_medians(x * x for x in range(4)) == [0, 0.5, 1, 2.5]


def test_large_stream():
    rng = random.Random(1234)
    readings = [rng.randint(-5000, 5000) for _ in range(9000)]
    original = list(readings)
    result = running_medians(readings)
    assert readings == original
    assert len(result) == len(readings)
    for i in list(range(0, 9000, 487)) + [8999]:
        assert result[i] == statistics.median(readings[: i + 1])
