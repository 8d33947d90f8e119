"""Warehouse loading: can a pallet be filled to an exact weight?"""
from functools import lru_cache
from typing import Sequence


def can_fill_exactly(parcel_weights: Sequence[int], start: int, capacity: int) -> bool:
    """True if some subset of ``parcel_weights[start:]`` (positive ints)
    weighs exactly ``capacity``."""
    count = len(parcel_weights)

    @lru_cache(maxsize=None)
    def fill(index, remaining):
        if remaining == 0:
            return True
        if index >= count or remaining < 0:
            return False
        weight = parcel_weights[index]
        return fill(index + 1, remaining - weight) or fill(index + 1, remaining)

    return fill(start, capacity)
