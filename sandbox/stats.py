"""From timed pairs to a verdict: central ratio, a 95% interval, agreement across workers.

Each worker process contributes pairs; a pair times one pass over the whole workload (every
input once) for each side, so the ratio is the workload's: heavy inputs weigh what they cost.
A process has a bias of its own (memory layout, hash seed: identical code measured 0.96x in
one process and 1.00x in the next here), so pairs are not independent across processes and
an interval from pooled pairs is too narrow. Like pyperf, which spreads runs over many
processes, we treat the process as the unit: a worker's estimate is the median log ratio of
its pairs; the speedup is exp(-mean) of the workers' estimates; its 95% interval is the
Student t interval over the workers, widened to the sign-test interval of the pooled pairs
where that is wider. "faster" needs the interval's lower end above 1, the estimate at least
the threshold and every worker agreeing; "slower" mirrors it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

FASTER, SLOWER, SAME = "faster", "slower", "no significant change"


def _binom_cdf(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2)."""
    if k < 0:
        return 0.0
    total = 0.0
    log_half_n = -n * math.log(2)
    for i in range(0, min(k, n) + 1):
        total += math.exp(
            math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + log_half_n
        )
    return min(1.0, total)


def median_interval(values: list[float], confidence: float = 0.95) -> tuple[float, float]:
    """Sign-test confidence interval for the median: order statistics (x_(k), x_(n-k+1))."""
    xs = sorted(values)
    n = len(xs)
    if n < 6:
        return xs[0], xs[-1]  # too few pairs for 95%: the full range, honestly wide
    alpha = (1 - confidence) / 2
    k = 0
    while _binom_cdf(k, n) <= alpha:
        k += 1
    # k is the smallest count with P(X <= k) > alpha; the interval uses the k-th order stats
    k = max(k, 1)
    return xs[k - 1], xs[n - k]


@dataclass(frozen=True)
class TimingVerdict:
    verdict: str
    speedup: float
    ci95: tuple[float, float]
    per_worker: tuple[float, ...]
    pairs: int
    original_s: float  # median time of one pass over the workload
    candidate_s: float

    def describe(self) -> str:
        lo, hi = self.ci95
        return f"{self.speedup:.2f}x (95% CI {lo:.2f}-{hi:.2f}x), {self.verdict}"


# Two-sided 97.5% quantiles of Student's t, by degrees of freedom (scipy is not a dependency).
_T975 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    12: 2.179,
    15: 2.131,
    20: 2.086,
    30: 2.042,
}


def t_quantile(df: int) -> float:
    """The 97.5% quantile of Student's t with df degrees of freedom (conservative between
    the tabulated values)."""
    if df >= 30:
        return 1.96 if df > 120 else _T975[30]
    return _T975[max(d for d in _T975 if d <= df)]


def between_worker_interval(estimates: list[float]) -> tuple[float, float]:
    """95% t interval for the mean of per-worker estimates (logs)."""
    k = len(estimates)
    mean = statistics.fmean(estimates)
    if k < 2:
        return mean, mean
    half = t_quantile(k - 1) * statistics.stdev(estimates) / math.sqrt(k)
    return mean - half, mean + half


def decide(workers: list[list[list[float]]], threshold: float = 1.05) -> TimingVerdict:
    """workers: per worker process, its pairs [t_original, t_candidate] (one workload pass each)."""
    valid = [[p for p in pairs if p[0] > 0 and p[1] > 0] for pairs in workers]
    valid = [pairs for pairs in valid if pairs]
    if not valid:
        raise ValueError("no timed pairs")
    per_worker_logs = [[math.log(tb / ta) for ta, tb in pairs] for pairs in valid]
    estimates = [statistics.median(logs) for logs in per_worker_logs]
    centre = statistics.fmean(estimates)
    lo_pooled, hi_pooled = median_interval([x for logs in per_worker_logs for x in logs])
    lo_between, hi_between = between_worker_interval(estimates)
    lo_log, hi_log = min(lo_pooled, lo_between), max(hi_pooled, hi_between)  # holds centre
    speedup = math.exp(-centre)
    ci = (math.exp(-hi_log), math.exp(-lo_log))
    per_worker = tuple(math.exp(-e) for e in estimates)
    if ci[0] > 1 and speedup >= threshold and all(w > 1 for w in per_worker):
        verdict = FASTER
    elif ci[1] < 1 and speedup <= 1 / threshold and all(w < 1 for w in per_worker):
        verdict = SLOWER
    else:
        verdict = SAME
    return TimingVerdict(
        verdict=verdict,
        speedup=speedup,
        ci95=ci,
        per_worker=per_worker,
        pairs=sum(len(logs) for logs in per_worker_logs),
        original_s=statistics.median(ta for pairs in valid for ta, _ in pairs),
        candidate_s=statistics.median(tb for pairs in valid for _, tb in pairs),
    )


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    xs = sorted(values)
    if not xs:
        raise ValueError("no values")
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
