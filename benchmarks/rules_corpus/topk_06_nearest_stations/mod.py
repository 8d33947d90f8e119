"""Find charging stations near a vehicle."""


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
    by_distance.sort()
    return [name for _, name in by_distance[:k]]
