"""Puzzle helper: how many ways can a digit string be read as letters (A=1 ... Z=26)?"""

from functools import lru_cache

DIGITS = "0123456789"


def count_decodings(message: str) -> int:
    """Number of ways to split ``message`` into codes 1..26 (no leading zeros).

    Spaces and dashes are ignored; any other non-digit raises ValueError.  The
    empty message has exactly one (empty) decoding.
    """
    cleaned = message.replace(" ", "").replace("-", "")
    for ch in cleaned:
        if ch not in DIGITS:
            raise ValueError("not a digit: %r" % ch)

    @lru_cache(maxsize=None)
    def ways(start: int) -> int:
        if start == len(cleaned):
            return 1
        if cleaned[start] == "0":
            return 0
        total = ways(start + 1)
        if start + 1 < len(cleaned) and int(cleaned[start:start + 2]) <= 26:
            total += ways(start + 2)
        return total

    return ways(0)
