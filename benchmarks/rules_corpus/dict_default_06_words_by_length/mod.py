"""Word-game helpers: index a dictionary file by word length."""


def words_by_length(wordlist_text: str) -> dict[int, tuple[str, ...]]:
    """Map each word length to the tuple of words of that length.

    ``wordlist_text`` has one word per line (blank lines and ``#`` comments
    are ignored).  Words keep their file order; lengths appear in order of
    first occurrence.
    """
    lines = wordlist_text.splitlines()
    index: dict[int, tuple[str, ...]] = {}
    i = 0
    while i < len(lines):
        word = lines[i].strip()
        i += 1
        if not word or word.startswith("#"):
            continue
        index[len(word)] = index.get(len(word), ()) + (word,)
    return index
