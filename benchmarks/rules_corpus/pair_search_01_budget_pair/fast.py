from typing import Optional


def find_pair_with_total(prices: list[int], budget: int) -> Optional[tuple[int, int]]:
    """Indices (i, j), i < j, of the first two items (in scan order) whose prices add up to `budget`.

    Returns None when no such pair exists.
    """
    last_index = {}
    for idx, price in enumerate(prices):
        last_index[price] = idx
    for i, price in enumerate(prices):
        wanted = budget - price
        j = last_index.get(wanted)
        if j is not None and j > i:
            return (i, prices.index(wanted, i + 1))
    return None
