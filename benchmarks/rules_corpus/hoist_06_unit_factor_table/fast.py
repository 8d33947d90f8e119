"""Route statistics for a hiking-log importer (mixed metric/imperial input)."""

_TO_METRES = {
    "mm": 0.001,
    "cm": 0.01,
    "m": 1.0,
    "km": 1000.0,
    "in": 0.0254,
    "ft": 0.3048,
    "yd": 0.9144,
    "mi": 1609.344,
    "nmi": 1852.0,
}


def total_distance_m(segments):
    """Sum ``(value, unit)`` segment lengths in metres.

    Unknown units raise ``KeyError``.
    """
    to_metres = _TO_METRES
    total = 0.0
    for value, unit in segments:
        total += value * to_metres[unit]
    return total
