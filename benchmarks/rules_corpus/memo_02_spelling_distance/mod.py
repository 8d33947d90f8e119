"""Spell-checker support: Levenshtein distance between two words."""


def edit_distance(source, target):
    """Minimum number of single-character insertions, deletions and
    substitutions that turn ``source`` into ``target``."""
    if not source:
        return len(target)
    if not target:
        return len(source)
    if source[0] == target[0]:
        return edit_distance(source[1:], target[1:])
    return 1 + min(
        edit_distance(source[1:], target),       # delete
        edit_distance(source, target[1:]),       # insert
        edit_distance(source[1:], target[1:]),   # substitute
    )
