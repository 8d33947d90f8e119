import random

from mod import squash_duplicate_ids

MUTATES = True


def build_large():
    rng = random.Random(1234)
    return ([rng.randrange(1_000_000, 1_004_000) for _ in range(6000)],)


def test_large_in_place():
    (ids,) = build_large()
    original = list(ids)
    alias = ids
    removed = squash_duplicate_ids(ids)
    expected = list(dict.fromkeys(original))
    assert ids is alias
    assert ids == expected
    assert removed == len(original) - len(expected)
    assert removed > 1000


def test_small():
    ids = [7, 3, 7, 7, 1, 3, 9]
    assert squash_duplicate_ids(ids) == 3
    assert ids == [7, 3, 1, 9]


def test_no_duplicates_and_empty():
    ids = [5, 4, 3]
    assert squash_duplicate_ids(ids) == 0
    assert ids == [5, 4, 3]
    empty = []
    assert squash_duplicate_ids(empty) == 0
    assert empty == []
    one = [1]
    assert squash_duplicate_ids(one) == 0 and one == [1]


def test_all_same():
    ids = [2] * 50
    assert squash_duplicate_ids(ids) == 49
    assert ids == [2]
