import random

from mod import word_frequencies

VOCAB = [
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "river",
    "bank", "ledger", "invoice", "kafka", "stream", "token", "parser",
]


def make_tokens(n_words, seed=1234):
    rng = random.Random(seed)
    vocab = [w + str(i) for w in VOCAB for i in range(25)]
    return [rng.choice(vocab) for _ in range(n_words)]


def test_large_token_list():
    tokens = make_tokens(60000)
    result = word_frequencies(tokens)
    assert type(result) is dict
    assert sum(result.values()) == 60000
    expected = {}
    order = []
    for w in tokens:
        if w not in expected:
            order.append(w)
            expected[w] = 0
        expected[w] += 1
    assert list(result) == order
    assert result == expected
    assert len(result) == 400


def test_empty():
    assert word_frequencies([]) == {}


def test_case_sensitive_and_unicode():
    result = word_frequencies(["Straße", "straße", "straße", "ünïcode", "Straße", ""])
    assert result == {"Straße": 2, "straße": 2, "ünïcode": 1, "": 1}
    assert list(result) == ["Straße", "straße", "ünïcode", ""]


def test_from_split_text():
    text = "to be or not to be that is the question"
    assert word_frequencies(text.split()) == {
        "to": 2, "be": 2, "or": 1, "not": 1, "that": 1, "is": 1, "the": 1, "question": 1,
    }
