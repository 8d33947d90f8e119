"""Sequence utilities for the primer-design pipeline."""

COMPLEMENT = {
    "A": "T", "T": "A", "C": "G", "G": "C", "N": "N",
    "a": "t", "t": "a", "c": "g", "g": "c", "n": "n",
}

_TABLE = str.maketrans(COMPLEMENT)
_TABLE.update({ord("\n"): None, ord("\r"): None, ord(" "): None})


def reverse_complement(strand: str) -> str:
    """Reverse complement of a DNA strand given as FASTA sequence text.

    Line breaks and spaces from the FASTA layout are dropped; case is kept, and
    symbols without a complement in COMPLEMENT are copied unchanged.
    """
    return strand.translate(_TABLE)[::-1]
