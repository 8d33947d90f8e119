import random

from mod import word_frequencies


def build_large():
    rng = random.Random(1234)
    vocab = [f"term{n}" for n in range(1500)] + ["the", "of", "and", "to", "in"]
    weights = [1] * 1500 + [40] * 5
    words = rng.choices(vocab, weights=weights, k=4000)
    words = [w.upper() if i % 17 == 0 else w for i, w in enumerate(words)]
    return (" ".join(words),)


def test_large_document():
    (text,) = build_large()
    result = word_frequencies(text)
    expected = {}
    for w in text.lower().split():
        expected[w] = expected.get(w, 0) + 1
    assert type(result) is dict
    assert result == expected
    assert list(result) == list(expected)
    assert sum(result.values()) == 4000


def test_small():
    assert word_frequencies("To be or not TO BE") == {"to": 2, "be": 2, "or": 1, "not": 1}


def test_empty_and_whitespace():
    assert word_frequencies("") == {}
    assert word_frequencies(" \n\t ") == {}


def test_unicode_keys():
    result = word_frequencies("Ça va? ça VA? ÇA")
    assert result == {"ça": 3, "va?": 2}
    assert list(result) == ["ça", "va?"]
