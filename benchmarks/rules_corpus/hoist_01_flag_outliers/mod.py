"""Quality checks for temperature-sensor batches."""


def flag_outliers(readings: list[float], tolerance: float) -> list[int]:
    """Return the indices of readings further than ``tolerance`` from the batch mean."""
    flagged = []
    for i, value in enumerate(readings):
        if abs(value - sum(readings) / len(readings)) > tolerance:
            flagged.append(i)
    return flagged
