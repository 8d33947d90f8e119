"""Spell-checker support: Levenshtein distance between two words."""

from functools import lru_cache


def edit_distance(a, b):
    """Minimum number of single-character insertions, deletions and substitutions turning a into b."""
    len_a, len_b = len(a), len(b)

    @lru_cache(maxsize=None)
    def dist(i, j):
        if i == len_a:
            return len_b - j
        if j == len_b:
            return len_a - i
        if a[i] == b[j]:
            return dist(i + 1, j + 1)
        return 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))

    return dist(0, 0)
