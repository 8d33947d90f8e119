import random

import pytest

from mod import HelpIndex


def _index(n_articles, words_per_article, seed=1234):
    rng = random.Random(seed)
    vocab = ["password", "reset", "the", "a", "Account", "billing", "invoice", "export", "über", "login"] + [
        "term%d" % i for i in range(2000)
    ]
    idx = HelpIndex(stopwords=["the", "A", "of"])
    bodies = {}
    for i in range(n_articles):
        words = [vocab[int(len(vocab) * rng.random() ** 4)] for _ in range(words_per_article)]
        body = " ".join(words)
        idx.add_article("kb-%04d" % i, body)
        bodies["kb-%04d" % i] = body
    return idx, bodies


def test_large_index():
    idx, bodies = _index(300, 60)
    result = idx.positions()
    total = 0
    first_seen = {}
    for art, body in bodies.items():
        for pos, w in enumerate(body.lower().split()):
            if w in ("the", "a", "of"):
                continue
            total += 1
            first_seen.setdefault(w, (art, pos))
    assert list(result) == list(first_seen)
    assert all(result[w][0] == first_seen[w] for w in first_seen)
    assert sum(len(v) for v in result.values()) == total
    assert "the" not in result and "a" not in result
    assert "account" in result and "Account" not in result
    for term in ("password", "account", "über"):
        expected = [(art, pos) for art, body in bodies.items() for pos, w in enumerate(body.lower().split()) if w == term]
        assert result[term] == expected
    assert len(result["password"]) > 1000


def test_small_cases():
    idx = HelpIndex()
    assert idx.positions() == {}
    idx.add_article(1, "Reset the PASSWORD")
    idx.add_article(2, "")
    idx.add_article(3, "password  reset\tnow")
    result = idx.positions()
    assert result == {"reset": [(1, 0), (3, 1)], "the": [(1, 1)], "password": [(1, 2), (3, 0)], "now": [(3, 2)]}
    assert list(result) == ["reset", "the", "password", "now"]
    with pytest.raises(KeyError):
        idx.add_article(1, "again")
