"""Latency monitoring: running median over a request stream."""

from bisect import insort
from typing import Iterable


def running_medians(latencies_ms: Iterable[float], warmup: int = 0) -> list[float]:
    """Median of all latencies seen so far, reported after each new sample.

    The first ``warmup`` samples are collected but no median is reported for them.
    """
    if warmup < 0:
        raise ValueError("warmup must be >= 0")
    seen: list[float] = []
    medians: list[float] = []
    for latency in latencies_ms:
        if latency < 0:
            raise ValueError("negative latency: %r" % (latency,))
        insort(seen, latency)
        if len(seen) <= warmup:
            continue
        n = len(seen)
        mid = n // 2
        if n % 2:
            medians.append(seen[mid])
        else:
            medians.append((seen[mid - 1] + seen[mid]) / 2)
    return medians
