"""Latency bookkeeping for an API gateway."""
import heapq
from operator import itemgetter
from typing import Dict, List, Tuple


class EndpointStats:
    """Median latency (ms) per endpoint path, collected by the gateway."""

    def __init__(self, service: str, latency_ms: Dict[str, float]) -> None:
        self.service = service
        self.latency_ms = latency_ms

    def fastest(self, k: int = 5) -> List[Tuple[str, float]]:
        """The ``k`` endpoints with the lowest latency as (path, ms) pairs,
        fastest first; equal latencies keep insertion order."""
        if type(k) is not int or k <= 0:
            ranked = sorted(self.latency_ms.items(), key=lambda kv: kv[1])
            return ranked[:k]
        return heapq.nsmallest(k, self.latency_ms.items(), key=itemgetter(1))
