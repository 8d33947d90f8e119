"""Normalising strain-gauge readings before plotting."""


def normalize_readings(readings, noise_floor=0.0, digits=4):
    """Scale readings to 0..1 relative to the largest reading.

    Readings below ``noise_floor`` are reported as 0.0.  Raises ValueError on an
    empty series.
    """
    if not readings:
        raise ValueError("empty series")
    scaled = []
    i = 0
    while i < len(readings):
        value = readings[i]
        i += 1
        if value < noise_floor:
            scaled.append(0.0)
            continue
        scaled.append(round(value / max(readings), digits))
    return scaled
