"""Word frequency statistics for tokenised documents."""


def word_frequencies(tokens: list[str]) -> dict[str, int]:
    """Return how often each token occurs.

    Tokens appear in the result in the order of their first occurrence.
    """
    counts: dict[str, int] = {}
    for token in tokens:
        if token in counts:
            counts[token] += 1
        else:
            counts[token] = 1
    return counts
