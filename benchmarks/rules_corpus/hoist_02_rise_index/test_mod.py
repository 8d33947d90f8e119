import math

from mod import rise_index


def step_response(n, tau):
    # first-order system: 1 - exp(-t / tau), slowly approaching 1.0
    return [1.0 - math.exp(-t / tau) for t in range(n)]


def test_large_slow_response():
    samples = step_response(3000, 1200.0)
    snapshot = list(samples)
    idx = rise_index(samples, 0.9)
    assert samples == snapshot
    peak = samples[-1]
    expected = next(i for i, s in enumerate(samples) if s >= 0.9 * peak)
    assert idx == expected
    assert 2000 < idx < 2200


def test_other_fractions():
    samples = step_response(3000, 1200.0)
    peak = max(samples)
    half = rise_index(samples, 0.5)
    assert samples[half] >= 0.5 * peak > samples[half - 1]
    assert rise_index(samples, 0.0) == 0


def test_edges():
    assert rise_index([]) == 0
    assert rise_index([5]) == 0
    assert rise_index([0, 0, 10, 10], 1.0) == 2
    assert rise_index([-3, -2, -1], 2.0) == 1
    assert rise_index([-3, -2, -1], 0.5) == 3
    assert rise_index((1, 3, 2), 0.9) == 1
