import random
import string

from mod import letter_histogram

ALPHABET = string.ascii_letters + "     ,.;:!?0123456789" + "éüßñ"


def make_text(n, seed=1234):
    rng = random.Random(seed)
    return "".join(rng.choices(ALPHABET, k=n))


def test_large_text():
    text = make_text(120000)
    result = letter_histogram(text)
    assert type(result) is dict
    letters = [c for c in text if c.isalpha()]
    assert sum(result.values()) == len(letters)
    for ch in "aZéß":
        assert result[ch] == text.count(ch)
    assert all(ch.isalpha() for ch in result)
    order = list(dict.fromkeys(letters))
    assert list(result) == order
    assert set(result) == set(string.ascii_letters + "éüßñ")


def test_empty_and_no_letters():
    assert letter_histogram("") == {}
    assert letter_histogram("123 456, !?\n") == {}


def test_small_exact():
    assert letter_histogram("Hello, World! 42") == {"H": 1, "e": 1, "l": 3, "o": 2, "W": 1, "r": 1, "d": 1}
    assert letter_histogram("日本語 ok") == {"日": 1, "本": 1, "語": 1, "o": 1, "k": 1}
