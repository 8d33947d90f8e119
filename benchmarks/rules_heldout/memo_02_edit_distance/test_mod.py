from mod import edit_distance


def _levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_long_unrelated_words():
    a, b = "pythonic", "wxzqvblam"
    assert edit_distance(a, b) == _levenshtein(a, b) == 9


def test_long_similar_words():
    pairs = [("kitchens", "sittings"), ("abcdefgh", "hgfedcba"), ("bookkeeper", "beekeeping")]
    for a, b in pairs:
        assert edit_distance(a, b) == _levenshtein(a, b)


def test_small_cases():
    assert edit_distance("", "") == 0
    assert edit_distance("", "abc") == 3
    assert edit_distance("abc", "") == 3
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("flaw", "lawn") == 2
    assert edit_distance("same", "same") == 0
    assert edit_distance("café", "cafe") == 1
    assert edit_distance(("a", "b"), ("b",)) == 1
