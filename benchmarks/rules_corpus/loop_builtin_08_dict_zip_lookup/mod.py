"""Code -> label lookups for the reference-data loader."""
from typing import Dict, List, Sequence


def build_lookup(codes: List[str], labels: Sequence[str]) -> Dict[str, str]:
    """Pair each code with the label at the same position.

    If one list is longer than the other, the unmatched tail is ignored.  When
    a code repeats, its last label wins (the position of its first appearance
    is kept).
    """
    lookup: Dict[str, str] = {}
    i = 0
    while i < len(codes) and i < len(labels):
        lookup[codes[i]] = labels[i]
        i += 1
    return lookup
