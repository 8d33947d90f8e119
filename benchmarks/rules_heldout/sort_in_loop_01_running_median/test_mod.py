import random
import statistics

import pytest

from mod import running_medians


def _latencies(n, seed=1234):
    rng = random.Random(seed)
    return [round(rng.lognormvariate(3, 0.6), 1) for _ in range(n)]


def test_large_stream():
    lat = _latencies(6000)
    med = running_medians(lat)
    assert len(med) == 6000
    for k in (1, 2, 3, 10, 999, 1000, 4321, 6000):
        assert med[k - 1] == statistics.median(lat[:k])
    assert med[-1] == statistics.median(lat)


def test_large_stream_with_warmup_and_generator():
    lat = _latencies(5000, seed=3)
    med = running_medians((x for x in lat), warmup=100)
    assert len(med) == 4900
    assert med[0] == statistics.median(lat[:101])
    assert med[-1] == statistics.median(lat)


def test_small_cases():
    assert running_medians([]) == []
    assert running_medians([5.0]) == [5.0]
    assert running_medians([3, 1, 2, 2]) == [3, 2.0, 2, 2.0]
    assert running_medians([1, 1, 1], warmup=5) == []
    assert running_medians([4, 8], warmup=1) == [6.0]
    with pytest.raises(ValueError):
        running_medians([1, -2])
    with pytest.raises(ValueError):
        running_medians([1], warmup=-1)
