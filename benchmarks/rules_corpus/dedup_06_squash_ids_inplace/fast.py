def squash_duplicate_ids(ids: list[int]) -> int:
    """Remove repeated ids from `ids` in place, keeping each first occurrence.

    Returns how many entries were removed.
    """
    kept = list(dict.fromkeys(ids))
    removed = len(ids) - len(kept)
    if removed:
        ids[:] = kept
    return removed
