import random
import string

from mod import suggest_completions


def test_no_queries_and_blank_queries():
    assert suggest_completions({"apple"}, []) == {}
    assert suggest_completions({"apple"}, ["", "   "]) == {}


def test_small_vocabulary():
    vocab = {"apple", "applet", "apply", "apricot", "banana", "app"}
    result = suggest_completions(vocab, ["  AP", "appl", "b", "cherry", "ap"], limit=3)
    assert result == {
        "ap": ["app", "apple", "applet"],
        "appl": ["apple", "applet", "apply"],
        "b": ["banana"],
        "cherry": [],
    }
    assert list(result) == ["ap", "appl", "b", "cherry"]


def test_list_vocabulary_with_duplicates_and_unicode():
    vocab = ["élan", "état", "étoile", "état", "eagle"]
    assert suggest_completions(vocab, ["ét", "É"]) == {
        "ét": ["état", "état", "étoile"],
        "é": ["élan", "état", "état", "étoile"],
    }


def test_large_vocabulary():
    rng = random.Random(1234)
    letters = string.ascii_lowercase[:8]
    vocab = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(4000)}
    queries = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(300)]
    queries += ["  " + q.upper() for q in queries[:50]] + [""] * 20
    result = suggest_completions(vocab, queries, limit=4)
    by_prefix = {}
    for word in sorted(vocab):
        for n in (1, 2, 3):
            by_prefix.setdefault(word[:n], []).append(word)
    expected = {}
    for q in queries:
        p = q.strip().lower()
        if p:
            expected[p] = by_prefix.get(p, [])[:4]
    assert result == expected
    assert list(result) == list(expected)
