import random

from mod import reverse_complement


def fasta_body(n_bases, width=60, seed=1234):
    rng = random.Random(seed)
    seq = "".join(rng.choices("ACGTACGTACGTNacgt", k=n_bases))
    return seq, "\n".join(seq[i:i + width] for i in range(0, len(seq), width)) + "\n"


def test_large_fasta_record():
    seq, body = fasta_body(300000)
    rc = reverse_complement(body)
    assert len(rc) == len(seq)
    pairs = {"A": "T", "T": "A", "C": "G", "G": "C", "N": "N", "a": "t", "t": "a", "c": "g", "g": "c"}
    # spot-check positions against the definition
    for i in range(0, len(seq), 997):
        assert rc[len(seq) - 1 - i] == pairs[seq[i]]
    assert reverse_complement(rc) == seq
    assert rc.count("A") == seq.count("T") and rc.count("g") == seq.count("c")


def test_small_exact():
    assert reverse_complement("") == ""
    assert reverse_complement("ACGT") == "ACGT"
    assert reverse_complement("AAAC\nGG\r\n") == "CCGTTT"
    assert reverse_complement("acgN") == "Ncgt"
    assert reverse_complement("AR-Y") == "Y-RT"       # IUPAC/gap symbols pass through
    assert reverse_complement("tä\u00e9") == "\u00e9äa"
    assert reverse_complement("  \n ") == ""
