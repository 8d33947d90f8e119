"""Character statistics used by a simple cipher-analysis tool."""


def letter_histogram(text: str) -> dict[str, int]:
    """Count alphabetic characters in ``text`` (case-sensitive).

    Digits, punctuation and whitespace are skipped.  Letters are listed in
    order of first appearance.
    """
    hist = {}
    for ch in text:
        if not ch.isalpha():
            continue
        if ch not in hist:
            hist[ch] = 0
        hist[ch] += 1
    return hist
