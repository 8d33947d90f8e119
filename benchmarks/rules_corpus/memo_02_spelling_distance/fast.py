"""Spell-checker support: Levenshtein distance between two words."""


def edit_distance(source, target):
    """Minimum number of single-character insertions, deletions and
    substitutions that turn ``source`` into ``target``."""
    memo = {}
    len_s = len(source)
    len_t = len(target)

    def dist(i, j):
        # distance between source[i:] and target[j:]
        if i == len_s:
            return len_t - j
        if j == len_t:
            return len_s - i
        key = (i, j)
        if key in memo:
            return memo[key]
        if source[i] == target[j]:
            result = dist(i + 1, j + 1)
        else:
            result = 1 + min(dist(i + 1, j), dist(i, j + 1), dist(i + 1, j + 1))
        memo[key] = result
        return result

    return dist(0, 0)
