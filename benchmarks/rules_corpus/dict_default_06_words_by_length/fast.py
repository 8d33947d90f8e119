"""Word-game helpers: index a dictionary file by word length."""


def words_by_length(wordlist_text: str) -> dict[int, tuple[str, ...]]:
    """Map each word length to the tuple of words of that length.

    ``wordlist_text`` has one word per line (blank lines and ``#`` comments
    are ignored).  Words keep their file order; lengths appear in order of
    first occurrence.
    """
    buckets: dict[int, list[str]] = {}
    for line in wordlist_text.splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        size = len(word)
        bucket = buckets.get(size)
        if bucket is None:
            buckets[size] = [word]
        else:
            bucket.append(word)
    return {size: tuple(words) for size, words in buckets.items()}
