import random

from mod import content_tokens

SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "de", "pa", "qu", "zo"]


def _vocab(rng, n):
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def build_large():
    rng = random.Random(1234)
    vocab = _vocab(rng, 3000)
    stop_words = rng.sample(vocab, 700)
    blob = "\n".join(["the", "and", "with"] + stop_words) + "\n"
    punct = ["", "", "", ",", ".", "!"]
    text = " ".join(rng.choice(vocab).capitalize() + rng.choice(punct) for _ in range(12000))
    return text, blob


def test_large_document():
    text, blob = build_large()
    stop = set(blob.split())
    expected = []
    for raw in text.split():
        tok = raw.lower().strip(".,;:!?\"'()[]")
        if len(tok) >= 3 and tok not in stop:
            expected.append(tok)
    result = content_tokens(text, blob)
    assert result == expected
    assert 0 < len(result) < 12000


def test_small_sentence():
    text = "The cat, and THE dog (with a hat) sat on the mat!"
    assert content_tokens(text, "the\nand\nwith\non\n") == ["cat", "dog", "hat", "sat", "mat"]


def test_min_len_and_empty():
    assert content_tokens("", "the") == []
    assert content_tokens("a an at", "") == []
    assert content_tokens("a an at", "", min_len=1) == ["a", "an", "at"]


def test_unicode_and_duplicates():
    assert content_tokens("Über über café, CAFÉ naïve", "naïve") == ["über", "über", "café", "café"]
