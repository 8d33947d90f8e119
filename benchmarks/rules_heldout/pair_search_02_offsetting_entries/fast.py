"""Ledger reconciliation: find bookings that cancel each other out."""

from bisect import bisect_right


def find_offsetting_pair(amounts, target=0):
    """Return the first index pair (i, j), i < j, whose amounts (in cents) sum to ``target``.

    Pairs are ordered by i, then j.  Returns None when there is no such pair.
    """
    n = len(amounts)
    if n < 2:
        return None
    positions = {}
    for idx, value in enumerate(amounts):
        positions.setdefault(value, []).append(idx)
    for i in range(n):
        later = positions.get(target - amounts[i])
        if later is not None and later[-1] > i:
            return i, later[bisect_right(later, i)]
    return None
