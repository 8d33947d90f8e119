"""Step-response analysis for a PID tuning notebook."""


def rise_index(samples, fraction=0.9):
    """Index of the first sample that reaches ``fraction`` of the peak value.

    Returns ``len(samples)`` if no sample does (only possible for negative
    peaks or fractions above 1), and 0 for an empty signal.
    """
    i = 0
    while i < len(samples) and samples[i] < fraction * max(samples):
        i += 1
    return i
