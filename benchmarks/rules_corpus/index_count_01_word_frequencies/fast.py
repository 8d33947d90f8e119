from collections import Counter


def word_frequencies(text):
    """Map each lower-cased word of `text` to how often it occurs (keys in first-seen order)."""
    return dict(Counter(text.lower().split()))
