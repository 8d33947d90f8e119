"""Quality checks for temperature-sensor batches."""


def flag_outliers(readings: list[float], tolerance: float) -> list[int]:
    """Return the indices of readings further than ``tolerance`` from the batch mean."""
    if not readings:
        return []
    mean = sum(readings) / len(readings)
    return [i for i, value in enumerate(readings) if abs(value - mean) > tolerance]
