"""Sealed-bid auction: pick the winning bids."""

import heapq
from typing import Iterable


def winning_bids(bids: Iterable[tuple[int, str]], slots: int) -> list[tuple[int, str]]:
    """The ``slots`` highest (amount_cents, bidder) bids, highest first.

    Bids with a non-positive amount are invalid and ignored.  Equal amounts are
    ordered by bidder name, descending (plain tuple comparison).
    """
    if slots < 0:
        raise ValueError("slots must be >= 0")
    pool = [bid for bid in bids if bid[0] > 0]
    if not slots:
        return []
    return heapq.nlargest(slots, pool)
