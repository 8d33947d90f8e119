"""Arcade high-score table."""
from typing import Iterable, List


def top_scores(scores: Iterable[int], k: int = 10) -> List[int]:
    """Return the ``k`` highest scores, best first."""
    return sorted(scores, reverse=True)[:k]
