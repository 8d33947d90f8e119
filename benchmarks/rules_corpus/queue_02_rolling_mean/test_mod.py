import random

import pytest

from mod import rolling_mean


def adc_trace(n, seed=1234):
    rng = random.Random(seed)
    level = 2048
    trace = []
    for _ in range(n):
        level += rng.randint(-40, 40)
        level = min(4095, max(0, level))
        trace.append(level)
    return trace


def expected_means(samples, window):
    prefix = [0]
    for s in samples:
        prefix.append(prefix[-1] + s)
    out = []
    for i in range(1, len(samples) + 1):
        lo = max(0, i - window)
        out.append((prefix[i] - prefix[lo]) / (i - lo))
    return out


def test_long_trace_wide_window():
    trace = adc_trace(30000)
    result = rolling_mean(trace, 8000)
    assert len(result) == len(trace)
    assert result == expected_means(trace, 8000)
    assert all(isinstance(m, float) for m in result[:10])


def test_window_one_and_window_larger_than_input():
    trace = adc_trace(500, seed=7)
    assert rolling_mean(trace, 1) == [float(s) for s in trace]
    assert rolling_mean(trace, 10_000) == expected_means(trace, 10_000)


def test_small_and_edge_cases():
    assert rolling_mean([], 3) == []
    assert rolling_mean([4, 4, 4, 4], 2) == [4.0, 4.0, 4.0, 4.0]
    assert rolling_mean([1, 2, 3, 4, 5], 2) == [1.0, 1.5, 2.5, 3.5, 4.5]
    assert rolling_mean([-3, 3, -3], 3) == [-3.0, 0.0, -1.0]
    with pytest.raises(ValueError):
        rolling_mean([1, 2], 0)
