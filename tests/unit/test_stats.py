"""The verdict logic on synthetic pairs (a fake clock: exact, seeded noise)."""

from __future__ import annotations

import random

import pytest

from afterburner.sandbox import stats


def noisy_pairs(ratio: float, n: int, noise: float, seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        base = 1e-3 * rng.uniform(0.8, 1.5)  # the machine's speed drifts between pairs
        out.append(
            [base * rng.lognormvariate(0, noise), base / ratio * rng.lognormvariate(0, noise)]
        )
    return out


def test_identical_code_is_no_change():
    false_positives = 0
    for seed in range(200):
        workers = [noisy_pairs(1.0, 30, 0.03, seed * 10 + w) for w in range(3)]
        # Threshold 1.0: the interval and the workers' agreement alone must hold A/A.
        false_positives += stats.decide(workers, threshold=1.0).verdict != stats.SAME
    assert false_positives <= 10  # a 95% interval and worker agreement: at most 5%


def test_clear_speedup_is_faster_with_interval_around_it():
    v = stats.decide([noisy_pairs(2.0, 30, 0.03, w) for w in range(3)])
    assert v.verdict == stats.FASTER
    assert v.ci95[0] <= 2.0 <= v.ci95[1], v.ci95
    assert 1.9 < v.speedup < 2.1


def test_slowdown_is_slower():
    assert stats.decide([noisy_pairs(0.7, 30, 0.03, w) for w in range(3)]).verdict == stats.SLOWER


def test_below_threshold_is_not_faster_even_if_significant():
    v = stats.decide([noisy_pairs(1.02, 200, 0.005, w) for w in range(3)], threshold=1.05)
    assert v.ci95[0] > 1.0 and v.verdict == stats.SAME


def test_workers_must_agree():
    agree = [noisy_pairs(1.3, 30, 0.01, w) for w in range(2)]
    disagree = noisy_pairs(0.9, 30, 0.01, 7)
    assert stats.decide(agree + [disagree]).verdict == stats.SAME


def test_median_interval_contains_median_and_widens_with_few_values():
    values = list(range(100))
    lo, hi = stats.median_interval(values)
    assert lo < 49.5 < hi and hi - lo < 25
    assert stats.median_interval([1, 2, 3]) == (1, 3)


def test_percentile():
    assert stats.percentile([1, 2, 3, 4], 50) == 2.5
    assert stats.percentile([5], 99) == 5
    with pytest.raises(ValueError):
        stats.percentile([], 50)


def biased_workers(ratio: float, seed: int, bias: float = 0.02, k: int = 3) -> list:
    """Each process has a bias of its own (memory layout, hash seed), shared by its pairs."""
    rng = random.Random(seed)
    return [
        noisy_pairs(ratio * rng.lognormvariate(0, bias), 150, 0.06, seed * 10 + w) for w in range(k)
    ]


def test_interval_covers_the_truth_despite_per_process_bias():
    # Pooled pairs would give an interval ~0.5% wide here, missing the truth most of the time.
    covered = 0
    for seed in range(200):
        lo, hi = stats.decide(biased_workers(1.3, seed)).ci95
        covered += lo <= 1.3 <= hi
    assert covered >= 185  # a 95% interval: at least ~92% coverage over 200 draws


def test_identical_code_with_per_process_bias_is_no_change():
    verdicts = [
        stats.decide(biased_workers(1.0, seed, bias=0.03), threshold=1.0).verdict
        for seed in range(200)
    ]
    assert verdicts.count(stats.SAME) >= 184  # at most 8% despite the bias


def test_one_worker_is_only_its_pairs():
    v = stats.decide([noisy_pairs(1.5, 60, 0.03, 1)])
    assert v.verdict == stats.FASTER and v.ci95[0] <= 1.5 <= v.ci95[1], v.ci95


def test_t_quantile():
    assert stats.t_quantile(2) == 4.303 and stats.t_quantile(11) == 2.228
    assert stats.t_quantile(500) == 1.96
