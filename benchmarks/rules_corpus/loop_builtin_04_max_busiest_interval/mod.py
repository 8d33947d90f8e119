"""Capacity planning: find the peak of a per-minute request histogram."""


def busiest_interval(request_counts):
    """Return (index, count) of the interval with the most requests.

    The earliest interval wins ties.  Returns None when there is no data.
    """
    peak_index = None
    peak_count = None
    for index, count in enumerate(request_counts):
        if peak_count is None or count > peak_count:
            peak_index, peak_count = index, count
    if peak_index is None:
        return None
    return peak_index, peak_count
