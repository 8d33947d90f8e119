"""Character statistics used by a simple cipher-analysis tool."""
from collections import Counter


def letter_histogram(text: str) -> dict[str, int]:
    """Count alphabetic characters in ``text`` (case-sensitive).

    Digits, punctuation and whitespace are skipped.  Letters are listed in
    order of first appearance.
    """
    return {ch: n for ch, n in Counter(text).items() if ch.isalpha()}
