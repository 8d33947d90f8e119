def vocabulary_in_order(text):
    """Distinct lower-cased words of `text` (punctuation trimmed) in order of first appearance."""
    words = [w.strip(".,!?;:\"'") for w in text.lower().split()]
    return [w for i, w in enumerate(words) if w and w not in words[:i]]
