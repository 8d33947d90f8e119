def reversal_pairs(raw_words: list[str]) -> list[tuple[str, str]]:
    """Pairs (w, v) of alphabetic words where v is w spelled backwards and v comes later in the list.

    Words are compared lower-cased; words shorter than 3 letters are not considered.
    """
    words = [w.lower() for w in raw_words if w.isalpha()]
    pairs = []
    for i, word in enumerate(words):
        if len(word) >= 3:
            backwards = word[::-1]
            for j in range(i + 1, len(words)):
                if words[j] == backwards:
                    pairs.append((word, words[j]))
    return pairs
