"""Arcade high-score table."""
import heapq
from typing import Iterable, List


def top_scores(scores: Iterable[int], k: int = 10) -> List[int]:
    """Return the ``k`` highest scores, best first."""
    if type(k) is not int or k < 1:
        # zero, negative or non-int k: keep the exact sort-and-slice behaviour
        return sorted(scores, reverse=True)[:k]
    return heapq.nlargest(k, scores)
