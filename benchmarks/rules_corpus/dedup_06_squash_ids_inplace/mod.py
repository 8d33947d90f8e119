def squash_duplicate_ids(ids: list[int]) -> int:
    """Remove repeated ids from `ids` in place, keeping each first occurrence.

    Returns how many entries were removed.
    """
    removed = 0
    i = len(ids) - 1
    while i > 0:
        if ids[i] in ids[:i]:
            del ids[i]
            removed += 1
        i -= 1
    return removed
