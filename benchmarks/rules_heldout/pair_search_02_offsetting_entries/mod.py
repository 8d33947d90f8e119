"""Ledger reconciliation: find bookings that cancel each other out."""


def find_offsetting_pair(amounts, target=0):
    """Return the first index pair (i, j), i < j, whose amounts (in cents) sum to ``target``.

    Pairs are ordered by i, then j.  Returns None when there is no such pair.
    """
    n = len(amounts)
    if n < 2:
        return None
    for i in range(n):
        for j in range(i + 1, n):
            if amounts[i] + amounts[j] == target:
                return i, j
    return None
