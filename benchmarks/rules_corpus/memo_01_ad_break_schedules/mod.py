"""Broadcast planning: how many ways can an ad break be filled?"""

# spot lengths, in 15-second slots
SPOT_LENGTHS = (1, 2, 4)


def count_break_fillings(slots: int) -> int:
    """Number of ordered sequences of spots (15s, 30s, 60s) that fill
    exactly ``slots`` 15-second slots."""
    if slots == 0:
        return 1
    if slots < 0:
        return 0
    total = 0
    for length in SPOT_LENGTHS:
        total += count_break_fillings(slots - length)
    return total
