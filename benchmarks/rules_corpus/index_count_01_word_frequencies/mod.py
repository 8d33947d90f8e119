def word_frequencies(text):
    """Map each lower-cased word of `text` to how often it occurs (keys in first-seen order)."""
    words = text.lower().split()
    return {word: words.count(word) for word in words}
