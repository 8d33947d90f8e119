import random

from mod import vocabulary_in_order

ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
VOWELS = ["a", "e", "i", "o", "u"]


def build_large():
    rng = random.Random(1234)
    vocab = ["".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(1, 3))) for _ in range(2500)]
    parts = []
    for i in range(5000):
        w = rng.choice(vocab)
        if i % 7 == 0:
            w = w.capitalize()
        if i % 11 == 0:
            w += ","
        if i % 13 == 0:
            w = '"' + w + '."'
        parts.append(w)
    return (" ".join(parts),)


def test_large_text():
    (text,) = build_large()
    result = vocabulary_in_order(text)
    seen = set()
    expected = []
    for raw in text.split():
        w = raw.lower().strip(".,!?;:\"'")
        if w and w not in seen:
            seen.add(w)
            expected.append(w)
    assert result == expected
    assert len(result) > 1000


def test_small():
    assert vocabulary_in_order("The cat saw the Cat. A cat!") == ["the", "cat", "saw", "a"]


def test_empty_and_punctuation_only():
    assert vocabulary_in_order("") == []
    assert vocabulary_in_order("... !! ,") == []
    assert vocabulary_in_order("-- hi --") == ["--", "hi"]


def test_unicode():
    assert vocabulary_in_order("Straße straße ÉTÉ été") == ["straße", "été"]
