from bisect import bisect_right


def reversal_pairs(raw_words: list[str]) -> list[tuple[str, str]]:
    """Pairs (w, v) of alphabetic words where v is w spelled backwards and v comes later in the list.

    Words are compared lower-cased; words shorter than 3 letters are not considered.
    """
    words = [w.lower() for w in raw_words if w.isalpha()]
    positions = {}
    for j, word in enumerate(words):
        positions.setdefault(word, []).append(j)
    pairs = []
    for i, word in enumerate(words):
        if len(word) >= 3:
            later = positions.get(word[::-1])
            if later:
                for j in later[bisect_right(later, i):]:
                    pairs.append((word, words[j]))
    return pairs
