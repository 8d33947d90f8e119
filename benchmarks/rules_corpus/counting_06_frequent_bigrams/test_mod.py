import random

from mod import frequent_bigrams

WORDS = ("the cat dog sat ran on in a mat park and then big small red quick "
         "lazy fox jumped over under house tree river bank money").split()


def make_tokens(n, seed=1234):
    rng = random.Random(seed)
    vocab = WORDS + ["term%d" % i for i in range(3000)]
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
    return rng.choices(vocab, weights=weights, k=n)


def test_large_corpus():
    tokens = make_tokens(40000)
    result = frequent_bigrams(tokens, min_count=3)
    assert type(result) is dict
    expected = {}
    for a, b in zip(tokens, tokens[1:]):
        expected[(a, b)] = expected.get((a, b), 0) + 1
    assert result == {p: n for p, n in expected.items() if n >= 3}
    assert list(result) == [p for p in expected if expected[p] >= 3]
    assert all(isinstance(p, tuple) and len(p) == 2 for p in result)


def test_default_threshold_and_order():
    tokens = "to be or not to be to be".split()
    assert frequent_bigrams(tokens) == {("to", "be"): 3}
    assert list(frequent_bigrams(tokens, min_count=1)) == [
        ("to", "be"), ("be", "or"), ("or", "not"), ("not", "to"), ("be", "to"),
    ]


def test_short_inputs():
    assert frequent_bigrams([]) == {}
    assert frequent_bigrams(["solo"]) == {}
    assert frequent_bigrams(("a", "a", "a"), min_count=2) == {("a", "a"): 2}


def test_string_of_characters():
    assert frequent_bigrams("abab", min_count=2) == {("a", "b"): 2}
