"""First-come, first-served booking of a single meeting room."""
from bisect import bisect_right
from typing import List, Tuple

Slot = Tuple[int, int]


def accept_bookings(requests: List[Slot]) -> List[bool]:
    """Decide each (start, end) request in arrival order.

    A request is accepted when the half-open interval [start, end) does not
    overlap any booking accepted before it.
    """
    booked: List[Slot] = []
    decisions: List[bool] = []
    for start, end in requests:
        slot = (start, end)
        i = bisect_right(booked, slot)
        clash = (i > 0 and booked[i - 1][1] > start) or (i < len(booked) and booked[i][0] < end)
        if not clash:
            booked.insert(i, slot)
            decisions.append(True)
        else:
            decisions.append(False)
    return decisions
