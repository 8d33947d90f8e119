"""Style checks run on article headlines before publishing."""


def has_all_caps_word(words: list[str]) -> bool:
    """True if any word is written entirely in capitals (e.g. "BREAKING")."""
    return any(map(str.isupper, words))
