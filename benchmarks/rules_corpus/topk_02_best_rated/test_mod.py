import random

import pytest

from mod import best_rated


def test_empty_catalogue():
    assert best_rated([]) == []


def test_ties_keep_catalogue_order():
    products = [
        {"name": "kettle", "rating": 4.5},
        {"name": "toaster", "rating": 4.8},
        {"name": "blender", "rating": 4.5},
        {"name": "mixer", "rating": 3.9},
        {"name": "grill", "rating": 4.5},
    ]
    assert best_rated(products, 3) == ["toaster", "kettle", "blender"]
    assert best_rated(products, 10) == ["toaster", "kettle", "blender", "grill", "mixer"]


def test_missing_rating_raises():
    with pytest.raises(KeyError):
        best_rated([{"name": "a", "rating": 1}, {"name": "b"}, {"name": "c", "rating": 2}], 1)


def test_unicode_names():
    products = [{"name": "crème", "rating": 2}, {"name": "café", "rating": 5}, {"name": "naïve", "rating": 5}]
    assert best_rated(products, 2) == ["café", "naïve"]


def test_large_catalogue():
    rng = random.Random(1234)
    products = [
        {"name": f"sku-{i:05d}", "rating": rng.randint(10, 50) / 10, "stock": rng.randint(0, 99)}
        for i in range(20000)
    ]
    top = best_rated(products, 25)
    # independent expectation: bucket by rating, walk ratings from the top
    buckets = {}
    for p in products:
        buckets.setdefault(p["rating"], []).append(p["name"])
    expected = []
    for rating in sorted(buckets, reverse=True):
        expected.extend(buckets[rating])
        if len(expected) >= 25:
            break
    assert top == expected[:25]
