"""Sequence utilities for the primer-design pipeline."""

COMPLEMENT = {
    "A": "T", "T": "A", "C": "G", "G": "C", "N": "N",
    "a": "t", "t": "a", "c": "g", "g": "c", "n": "n",
}


def reverse_complement(strand: str) -> str:
    """Reverse complement of a DNA strand given as FASTA sequence text.

    Line breaks and spaces from the FASTA layout are dropped; case is kept, and
    symbols without a complement in COMPLEMENT are copied unchanged.
    """
    bases = []
    for base in reversed(strand):
        if base == "\n" or base == "\r" or base == " ":
            continue
        bases.append(COMPLEMENT.get(base, base))
    return "".join(bases)
