import random

from mod import longest_words


def test_empty_text():
    assert longest_words("", 3) == []
    assert longest_words("   \n\t ", 3) == []


def test_non_positive_k():
    assert longest_words("alpha beta", 0) == []
    assert longest_words("alpha beta", -2) == []


def test_ties_in_text_order():
    text = "the cat sat on a mat with bats and rats"
    assert longest_words(text, 4) == ["with", "bats", "rats", "the"]


def test_duplicates_and_unicode():
    text = "straße naïve straße ok façade"
    assert longest_words(text, 3) == ["straße", "straße", "façade"]
    assert longest_words(text, 10) == ["straße", "straße", "façade", "naïve", "ok"]


def test_large_document():
    rng = random.Random(1234)
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20000)]
    text = "\n".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))
    result = longest_words(text, 40)
    indexed = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))
    assert result == [words[i] for i in indexed[:40]]
