"""Streaming statistics over sensor readings."""


def running_medians(readings):
    """Return the median of all readings seen so far, after each new reading.

    Odd-sized prefixes give the middle reading itself, even-sized prefixes
    give the mean of the two middle readings.
    """
    window = []
    medians = []
    for value in readings:
        window.append(value)
        window.sort()
        n = len(window)
        mid = n // 2
        if n % 2:
            medians.append(window[mid])
        else:
            medians.append((window[mid - 1] + window[mid]) / 2)
    return medians
