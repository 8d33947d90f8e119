"""Style checks run on article headlines before publishing."""


def has_all_caps_word(words: list[str]) -> bool:
    """True if any word is written entirely in capitals (e.g. "BREAKING")."""
    i = 0
    while i < len(words):
        if words[i].isupper():
            return True
        i += 1
    return False
