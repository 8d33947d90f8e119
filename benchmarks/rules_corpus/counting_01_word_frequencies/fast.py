"""Word frequency statistics for tokenised documents."""
from collections import Counter


def word_frequencies(tokens: list[str]) -> dict[str, int]:
    """Return how often each token occurs.

    Tokens appear in the result in the order of their first occurrence.
    """
    return dict(Counter(tokens))
