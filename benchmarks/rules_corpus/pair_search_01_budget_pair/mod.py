from typing import Optional


def find_pair_with_total(prices: list[int], budget: int) -> Optional[tuple[int, int]]:
    """Indices (i, j), i < j, of the first two items (in scan order) whose prices add up to `budget`.

    Returns None when no such pair exists.
    """
    n = len(prices)
    for i in range(n):
        for j in range(i + 1, n):
            if prices[i] + prices[j] == budget:
                return (i, j)
    return None
