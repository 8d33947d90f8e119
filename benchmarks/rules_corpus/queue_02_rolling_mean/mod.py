"""Smoothing of raw ADC samples from a vibration sensor."""


def rolling_mean(samples: list[int], window: int) -> list[float]:
    """Mean of the last `window` samples at every position.

    The first few means are taken over fewer samples, until the window fills.
    """
    if window <= 0:
        raise ValueError("window must be positive")
    recent: list[int] = []
    running_total = 0
    means: list[float] = []
    for sample in samples:
        recent.append(sample)
        running_total += sample
        if len(recent) > window:
            running_total -= recent.pop(0)
        means.append(running_total / len(recent))
    return means
