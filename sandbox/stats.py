"""From timed pairs to a verdict: central ratio, a 95% interval, agreement across workers.

speedup = exp(-median ln(t_candidate / t_original)) over all pairs; its interval is the
distribution-free (sign-test) interval for that median. "faster" needs the interval's
lower end above 1, the estimate at least the threshold and every worker agreeing; "slower"
mirrors it. A pair times one pass over the whole workload (every input once) for each side,
so the ratio is the workload's: heavy inputs weigh what they cost.
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


def _central(pairs: list[list[float]]) -> float:
    return math.exp(-statistics.median(math.log(tb / ta) for ta, tb in pairs))


def decide(workers: list[list[list[float]]], threshold: float = 1.05) -> TimingVerdict:
    """workers: per worker process, its pairs [t_original, t_candidate] (one workload pass each)."""
    valid = [[p for p in pairs if p[0] > 0 and p[1] > 0] for pairs in workers]
    logs = [math.log(tb / ta) for pairs in valid for ta, tb in pairs]
    if not logs:
        raise ValueError("no timed pairs")
    speedup = math.exp(-statistics.median(logs))
    lo_log, hi_log = median_interval(logs)
    ci = (math.exp(-hi_log), math.exp(-lo_log))
    per_worker = tuple(_central(pairs) for pairs in valid if pairs)
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
        pairs=len(logs),
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
