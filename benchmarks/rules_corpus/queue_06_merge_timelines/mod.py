"""Merging audit trails coming from two replicas."""


def merge_timelines(primary, replica):
    """Merge two time-sorted lists of (timestamp, event) tuples into one.

    The merge is stable: on equal timestamps the primary's event comes first.
    Neither input list is modified.
    """
    left = list(primary)
    right = list(replica)
    merged = []
    while left and right:
        if right[0][0] < left[0][0]:
            merged.append(right.pop(0))
        else:
            merged.append(left.pop(0))
    merged.extend(left)
    merged.extend(right)
    return merged
