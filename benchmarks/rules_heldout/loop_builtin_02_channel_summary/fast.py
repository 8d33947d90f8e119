"""Summaries for ADC channels recorded by the test bench."""

from typing import Sequence


def summarize_channel(samples: Sequence[int], full_scale: int = 4095) -> dict[str, float]:
    """Min, max, mean and span for one channel of raw ADC counts.

    Every sample must lie in ``0..full_scale``; the first one that does not is
    reported in the ``ValueError``.
    """
    if not samples:
        raise ValueError("channel has no samples")
    lowest = min(samples)
    highest = max(samples)
    if lowest < 0 or highest > full_scale:
        for index, value in enumerate(samples):
            if value < 0 or value > full_scale:
                raise ValueError("sample %d out of range: %r" % (index, value))
    total = sum(samples)
    return {
        "min": lowest,
        "max": highest,
        "mean": total / len(samples),
        "span": highest - lowest,
    }
