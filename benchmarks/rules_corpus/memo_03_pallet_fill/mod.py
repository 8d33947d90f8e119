"""Warehouse loading: can a pallet be filled to an exact weight?"""
from typing import Sequence


def can_fill_exactly(parcel_weights: Sequence[int], start: int, capacity: int) -> bool:
    """True if some subset of ``parcel_weights[start:]`` (positive ints)
    weighs exactly ``capacity``."""
    if capacity == 0:
        return True
    if start >= len(parcel_weights) or capacity < 0:
        return False
    weight = parcel_weights[start]
    return (can_fill_exactly(parcel_weights, start + 1, capacity - weight)
            or can_fill_exactly(parcel_weights, start + 1, capacity))
