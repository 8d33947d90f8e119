import random

from mod import TextSample


def _text(n_words, seed=1234):
    rng = random.Random(seed)
    words = ["The", "quick", "brown", "fox", "jumps", "über", "lazy", "dogs", "naïve", "ÉCOLE", "zebra"]
    parts = []
    for i in range(n_words):
        parts.append(rng.choice(words))
        parts.append("\n" if i % 17 == 16 else ("\t" if i % 29 == 0 else " "))
    return "".join(parts)


def test_large_text():
    raw = _text(40000)
    sample = TextSample(raw)
    freq = sample.char_frequencies()
    assert type(freq) is dict
    low = raw.lower()
    expected_order = [c for c in dict.fromkeys(low) if not c.isspace()]
    assert list(freq) == expected_order
    for ch in expected_order:
        assert freq[ch] == low.count(ch)
    assert sum(freq.values()) == sum(1 for c in low if not c.isspace())


def test_large_text_keep_whitespace_case_sensitive():
    raw = _text(20000, seed=3)
    freq = TextSample(raw, ignore_case=False).char_frequencies(skip_whitespace=False)
    assert sum(freq.values()) == len(raw)
    assert freq[" "] == raw.count(" ") and freq["\n"] == raw.count("\n")
    assert freq["T"] == raw.count("T") and freq["É"] == raw.count("É")


def test_small_cases():
    assert TextSample("").char_frequencies() == {}
    assert TextSample("   \n").char_frequencies() == {}
    assert TextSample("   \n").char_frequencies(skip_whitespace=False) == {" ": 3, "\n": 1}
    f = TextSample("Abba Ä").char_frequencies()
    assert f == {"a": 2, "b": 2, "ä": 1} and list(f) == ["a", "b", "ä"]
    assert TextSample("Abba", ignore_case=False).char_frequencies() == {"A": 1, "b": 2, "a": 1}
    assert len(TextSample("xyz")) == 3
