import random

from mod import build_lookup


def reference_table(n, seed=1234):
    rng = random.Random(seed)
    codes = [f"ICD-{rng.choice('ABCDEFGHJK')}{i:05d}" for i in range(n)]
    labels = [f"diagnosis #{i} ({rng.choice(['acute', 'chronic', 'unspecified'])})" for i in range(n)]
    return codes, labels


def test_large_table():
    codes, labels = reference_table(20000)
    lookup = build_lookup(codes, labels)
    assert len(lookup) == 20000
    assert list(lookup) == codes
    for k in range(0, 20000, 1234):
        assert lookup[codes[k]] == labels[k]
    assert build_lookup(codes, labels + ["extra", "labels"]) == lookup


def test_duplicate_codes_last_label_wins_first_position_kept():
    result = build_lookup(["b", "a", "b"], ["first", "alpha", "second"])
    assert result == {"b": "second", "a": "alpha"}
    assert list(result) == ["b", "a"]


def test_small_and_edge_cases():
    assert build_lookup([], []) == {}
    assert build_lookup([], ["orphan"]) == {}
    assert build_lookup(["ü"], ("Umlaut",)) == {"ü": "Umlaut"}
    assert build_lookup(["x", "y"], ["only one"]) == {"x": "only one"}
    assert build_lookup(["x"], ()) == {}
    assert build_lookup(("a", "b"), "12") == {"a": "1", "b": "2"}
