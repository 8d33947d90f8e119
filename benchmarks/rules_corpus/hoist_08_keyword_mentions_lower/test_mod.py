import random

import pytest

from mod import mentioned_terms

CLAUSES = [
    "The Supplier shall indemnify the Customer against all losses.",
    "This Agreement is governed by the laws of England and Wales.",
    "Payment is due within thirty (30) days of the invoice date.",
    "Either party may terminate for material breach on written notice.",
    "Confidential Information excludes information in the public domain.",
    "Force Majeure events suspend the affected obligations.",
    "Liability is capped at the fees paid in the preceding twelve months.",
]


def make_document(n_clauses, seed=1234):
    rng = random.Random(seed)
    return "\n".join("%d.%d %s" % (i // 10 + 1, i % 10, rng.choice(CLAUSES)) for i in range(n_clauses))


def make_watch_list(n, seed=99):
    rng = random.Random(seed)
    real = ["indemnify", "GOVERNED BY", "Force majeure", "liability", "Terminate",
            "public domain", "thirty (30) days", "Wales"]
    fake = ["arbitration", "non-compete", "escrow", "Exclusivity", "most favoured nation",
            "liquidated damages"]
    return [rng.choice(real if rng.random() < 0.5 else fake) for _ in range(n)]


def test_large_contract():
    document = make_document(2500)
    watch = make_watch_list(400)
    result = mentioned_terms(document, watch)
    low = document.lower()
    assert result == [t for t in watch if low.find(t.lower()) >= 0]
    assert "arbitration" not in result
    assert 100 < len(result) < 400


def test_empty_inputs():
    assert mentioned_terms("", []) == []
    assert mentioned_terms("anything", []) == []
    assert mentioned_terms("", ["x"]) == []
    assert mentioned_terms("abc", [""]) == [""]


def test_unicode_case_and_duplicates():
    doc = "Die STRASSE ist gesperrt. ÜBERGABE am Montag."
    assert mentioned_terms(doc, ["straße", "strasse", "übergabe", "Übergabe", "montag", "dienstag"]) == [
        "strasse", "übergabe", "Übergabe", "montag"]


def test_non_string_term_raises():
    with pytest.raises(AttributeError):
        mentioned_terms("doc", ["ok", 3])
