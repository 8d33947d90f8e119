"""Summaries over HTTP status codes extracted from an access log."""
from collections import Counter


def status_histogram(status_codes):
    """Count responses per HTTP status code.

    Returns a list of ``(status, count)`` pairs, most frequent first; codes
    with equal counts keep the order in which they were first seen.
    """
    return Counter(status_codes).most_common()
