"""Summaries over HTTP status codes extracted from an access log."""


def status_histogram(status_codes):
    """Count responses per HTTP status code.

    Returns a list of ``(status, count)`` pairs, most frequent first; codes
    with equal counts keep the order in which they were first seen.
    """
    tally = {}
    i = 0
    while i < len(status_codes):
        code = status_codes[i]
        tally[code] = tally.get(code, 0) + 1
        i += 1
    return sorted(tally.items(), key=lambda pair: pair[1], reverse=True)
