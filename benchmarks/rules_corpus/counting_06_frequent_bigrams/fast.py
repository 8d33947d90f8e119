"""Collocation mining for a small language-model preprocessing step."""
from collections import Counter


def frequent_bigrams(tokens, min_count=2):
    """Return adjacent token pairs seen at least ``min_count`` times.

    The result maps ``(left, right)`` tuples to their counts, in order of the
    pair's first appearance.
    """
    counts = Counter(zip(tokens, tokens[1:]))
    return {pair: n for pair, n in counts.items() if n >= min_count}
