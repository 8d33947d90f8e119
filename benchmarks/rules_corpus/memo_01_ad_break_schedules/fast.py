"""Broadcast planning: how many ways can an ad break be filled?"""

# spot lengths, in 15-second slots
SPOT_LENGTHS = (1, 2, 4)


def count_break_fillings(slots: int) -> int:
    """Number of ordered sequences of spots (15s, 30s, 60s) that fill
    exactly ``slots`` 15-second slots."""
    memo = {}

    def fill(remaining):
        if remaining == 0:
            return 1
        if remaining < 0:
            return 0
        if remaining in memo:
            return memo[remaining]
        total = 0
        for length in SPOT_LENGTHS:
            total += fill(remaining - length)
        memo[remaining] = total
        return total

    return fill(slots)
