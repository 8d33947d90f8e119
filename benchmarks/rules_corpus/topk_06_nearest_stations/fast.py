"""Find charging stations near a vehicle."""
import heapq


def nearest_stations(stations, origin, k=3):
    """stations: list of (name, x, y) with integer grid coordinates.

    Returns the names of the ``k`` stations closest to ``origin`` (squared
    euclidean distance), nearest first; equal distances are ordered by name.
    """
    ox, oy = origin
    by_distance = []
    for name, x, y in stations:
        dx = x - ox
        dy = y - oy
        by_distance.append((dx * dx + dy * dy, name))
    if type(k) is int and k >= 1:
        closest = heapq.nsmallest(k, by_distance)
    else:
        by_distance.sort()
        closest = by_distance[:k]
    return [name for _, name in closest]
