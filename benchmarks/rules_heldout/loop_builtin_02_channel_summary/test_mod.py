import random

import pytest

from mod import summarize_channel


def _channel(n, seed=1234, lo=100, hi=4000):
    rng = random.Random(seed)
    return [rng.randrange(lo, hi) for _ in range(n)]


def test_large_channel():
    samples = _channel(60000)
    s = summarize_channel(samples)
    ordered = sorted(samples)
    assert s["min"] == ordered[0] and s["max"] == ordered[-1]
    assert s["span"] == ordered[-1] - ordered[0]
    assert s["mean"] == pytest.approx(2050, abs=20)
    assert s["mean"] == pytest.approx(sum(samples) / 60000)
    assert list(s) == ["min", "max", "mean", "span"]


def test_large_out_of_range_channels():
    samples = _channel(60000, seed=9)
    samples[59000] = 4096
    samples[59500] = -1
    with pytest.raises(ValueError, match=r"^sample 59000 out of range: 4096$"):
        summarize_channel(samples)
    samples[59000] = 17
    with pytest.raises(ValueError, match="sample 59500 out of range: -1"):
        summarize_channel(samples)
    with pytest.raises(ValueError, match="sample 0 out of range"):
        summarize_channel(samples, full_scale=10)
    t = tuple(_channel(60000, seed=3, lo=0, hi=1024))
    assert summarize_channel(t, full_scale=1023)["max"] == 1023


def test_small_cases():
    assert summarize_channel([7]) == {"min": 7, "max": 7, "mean": 7.0, "span": 0}
    assert summarize_channel([3, 1, 2, 1, 3]) == {"min": 1, "max": 3, "mean": 2.0, "span": 2}
    assert summarize_channel([0, 4095]) == {"min": 0, "max": 4095, "mean": 2047.5, "span": 4095}
    with pytest.raises(ValueError, match="no samples"):
        summarize_channel([])
