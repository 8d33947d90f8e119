import random

from mod import has_all_caps_word


def corpus_words(n, seed=1234):
    rng = random.Random(seed)
    vocab = ["Markets", "rally", "as", "inflation", "cools", "Ölpreis", "fällt", "x2", "e-mail", "iPhone", "NaSa", "42"]
    return [rng.choice(vocab) for _ in range(n)]


def test_large_without_and_with_a_late_match():
    words = corpus_words(80000)
    assert has_all_caps_word(words) is False
    late = words + ["URGENT"]
    assert has_all_caps_word(late) is True
    middle = list(words)
    middle[40000] = "ÜBER"
    assert has_all_caps_word(middle) is True


def test_small_cases():
    assert has_all_caps_word([]) is False
    assert has_all_caps_word(["", "123", "--"]) is False
    assert has_all_caps_word(["A"]) is True
    assert has_all_caps_word(["CO2", "levels"]) is True
    assert has_all_caps_word(["ΑΘΗΝΑ"]) is True
    assert has_all_caps_word(["Hello", "World"]) is False
