"""Spell-checker support: Levenshtein distance between two words."""


def edit_distance(a, b):
    """Minimum number of single-character insertions, deletions and substitutions turning a into b."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit_distance(a[1:], b[1:])
    return 1 + min(
        edit_distance(a[1:], b),      # delete a[0]
        edit_distance(a, b[1:]),      # insert b[0]
        edit_distance(a[1:], b[1:]),  # substitute
    )
