"""Capacity planning: find the peak of a per-minute request histogram."""


def busiest_interval(request_counts):
    """Return (index, count) of the interval with the most requests.

    The earliest interval wins ties.  Returns None when there is no data.
    """
    if not isinstance(request_counts, (list, tuple)):
        request_counts = list(request_counts)
    if not request_counts:
        return None
    peak_count = max(request_counts)
    return request_counts.index(peak_count), peak_count
