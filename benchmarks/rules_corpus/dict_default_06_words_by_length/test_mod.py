import random
import string

from mod import words_by_length


def make_wordlist(n, seed=1234):
    rng = random.Random(seed)
    lines = ["# generated word list", ""]
    for i in range(n):
        size = rng.choice([3, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 12])
        lines.append("".join(rng.choices(string.ascii_lowercase, k=size)))
        if i % 500 == 0:
            lines.append("   ")
            lines.append("# section %d" % i)
    return "\n".join(lines) + "\n"


def test_large_wordlist():
    text = make_wordlist(12000)
    result = words_by_length(text)
    assert type(result) is dict
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.strip().startswith("#")]
    assert sum(len(v) for v in result.values()) == len(words) == 12000
    assert list(result) == list(dict.fromkeys(len(w) for w in words))
    for size, group in result.items():
        assert type(group) is tuple
        assert all(len(w) == size for w in group)
    assert result[5] == tuple(w for w in words if len(w) == 5)
    assert set(result) == {3, 4, 5, 6, 7, 8, 9, 12}


def test_empty_and_comments_only():
    assert words_by_length("") == {}
    assert words_by_length("# nothing\n\n   \n#x") == {}


def test_small_exact_unicode_and_whitespace():
    text = "  cat\r\ndog\n#comment\nzebra\nçé\n\nox\nemu  \n"
    result = words_by_length(text)
    assert result == {3: ("cat", "dog", "emu"), 5: ("zebra",), 2: ("çé", "ox")}
    assert list(result) == [3, 5, 2]
