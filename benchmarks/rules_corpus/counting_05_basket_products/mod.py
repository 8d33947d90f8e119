"""Market-basket statistics for a grocery recommender."""
from collections import defaultdict
from typing import Dict, Iterable, List


def product_popularity(baskets: Iterable[List[int]]) -> Dict[int, int]:
    """How many times each product id was bought across all baskets.

    A product appearing twice in the same basket counts twice.  Returns a
    plain dict in order of first purchase.
    """
    popularity = defaultdict(int)
    for basket in baskets:
        for product_id in basket:
            popularity[product_id] += 1
    return dict(popularity)
