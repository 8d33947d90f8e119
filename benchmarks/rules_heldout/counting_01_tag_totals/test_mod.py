import random

import pytest

from mod import tag_totals


def _posts(n, seed=1234):
    rng = random.Random(seed)
    vocab = ["python", "rust", "devops", "café", "ml", "linux", "databases", "testing"] + [
        "topic-%d" % i for i in range(300)
    ]
    return [
        {"title": "Post %d" % i, "tags": [vocab[int(len(vocab) * rng.random() ** 3)] for _ in range(rng.randrange(0, 40))]}
        for i in range(n)
    ]


def test_large_blog():
    posts = _posts(8000)
    totals = tag_totals(posts)
    assert type(totals) is dict
    flat = [t for p in posts for t in p["tags"]]
    assert sum(totals.values()) == len(flat)
    order = list(dict.fromkeys(flat))
    assert list(totals) == order
    for tag in ("python", "café", order[-1]):
        assert totals[tag] == flat.count(tag)


def test_generator_input():
    posts = _posts(1000, seed=2)
    totals = tag_totals(p for p in posts)
    assert sum(totals.values()) == sum(len(p["tags"]) for p in posts)


def test_small_cases():
    assert tag_totals([]) == {}
    assert tag_totals([{"tags": []}, {"tags": ()}]) == {}
    result = tag_totals([{"tags": ["b", "a", "b"]}, {"tags": ("a", "ü")}])
    assert result == {"b": 2, "a": 2, "ü": 1} and list(result) == ["b", "a", "ü"]
    with pytest.raises(KeyError):
        tag_totals([{"title": "untagged"}])
