"""Merging audit trails coming from two replicas."""


def merge_timelines(primary, replica):
    """Merge two time-sorted lists of (timestamp, event) tuples into one.

    The merge is stable: on equal timestamps the primary's event comes first.
    Neither input list is modified.
    """
    left = list(primary)
    right = list(replica)
    n_left = len(left)
    n_right = len(right)
    i = j = 0
    merged = []
    append = merged.append
    while i < n_left and j < n_right:
        if right[j][0] < left[i][0]:
            append(right[j])
            j += 1
        else:
            append(left[i])
            i += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged
