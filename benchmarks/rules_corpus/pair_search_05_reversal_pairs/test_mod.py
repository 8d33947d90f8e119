import random

from mod import reversal_pairs

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def build_large():
    rng = random.Random(1234)
    words = []
    for i in range(4000):
        r = rng.random()
        if r < 0.05 and words:
            prev = rng.choice(words)
            words.append(prev[::-1])
        elif r < 0.08:
            words.append(str(rng.randrange(1000)))  # not alphabetic, dropped
        else:
            w = "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 5)))
            words.append(w.upper() if i % 10 == 0 else w)
    return (words,)


def test_large_corpus():
    (raw,) = build_large()
    words = [w.lower() for w in raw if w.isalpha()]
    index = {}
    for j, w in enumerate(words):
        index.setdefault(w, []).append(j)
    expected = []
    for i, w in enumerate(words):
        if len(w) >= 3:
            expected.extend((w, w[::-1]) for j in index.get(w[::-1], []) if j > i)
    result = reversal_pairs(raw)
    assert result == expected
    assert len(result) > 20


def test_small():
    raw = ["Stressed", "desserts", "no", "on", "level", "LEVEL", "x1", "straw", "warts", "Warts"]
    assert reversal_pairs(raw) == [
        ("stressed", "desserts"),
        ("level", "level"),
        ("straw", "warts"),
        ("straw", "warts"),
    ]


def test_empty_and_unicode():
    assert reversal_pairs([]) == []
    assert reversal_pairs(["été", "Été", "añb", "bña"]) == [("été", "été"), ("añb", "bña")]
