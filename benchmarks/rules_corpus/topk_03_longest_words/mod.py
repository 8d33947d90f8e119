"""Text statistics for the editor sidebar."""


def longest_words(text: str, k: int) -> list[str]:
    """The ``k`` longest whitespace-separated words of ``text``, longest first.

    Words of equal length come out in the order they appear in the text.
    """
    pool = text.split()
    picked = []
    while pool and len(picked) < k:
        word = max(pool, key=len)
        pool.remove(word)
        picked.append(word)
    return picked
