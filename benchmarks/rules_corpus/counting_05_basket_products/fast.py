"""Market-basket statistics for a grocery recommender."""
from collections import Counter
from itertools import chain
from typing import Dict, Iterable, List


def product_popularity(baskets: Iterable[List[int]]) -> Dict[int, int]:
    """How many times each product id was bought across all baskets.

    A product appearing twice in the same basket counts twice.
    """
    return dict(Counter(chain.from_iterable(baskets)))
