from mod import edit_distance


def levenshtein_table(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def test_empty_words():
    assert edit_distance("", "") == 0
    assert edit_distance("", "abc") == 3
    assert edit_distance("abcd", "") == 4


def test_classic_examples():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("flaw", "lawn") == 2
    assert edit_distance("same", "same") == 0


def test_unicode():
    assert edit_distance("café", "cafe") == 1
    assert edit_distance("straße", "strasse") == 2


def test_lists_of_tokens():
    assert edit_distance(["GET", "/a", "200"], ["GET", "/b", "200", "x"]) == 2


def test_longer_misspellings():
    pairs = [
        ("bureaucracy", "beurocracy"),
        ("psychology", "sykology"),
        ("phenomenon", "fenominon"),
        ("hors d oeuvre", "orderve"),
        ("rhythmical", "rythmicly"),
    ]
    for a, b in pairs:
        assert edit_distance(a, b) == levenshtein_table(a, b)
    assert edit_distance("bureaucracy", "beurocracy") == 4
