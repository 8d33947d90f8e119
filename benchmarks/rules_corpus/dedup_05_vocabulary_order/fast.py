def vocabulary_in_order(text):
    """Distinct lower-cased words of `text` (punctuation trimmed) in order of first appearance."""
    words = [w.strip(".,!?;:\"'") for w in text.lower().split()]
    return list(dict.fromkeys(w for w in words if w))
