import random

import pytest

from mod import orders_by_segment

COUNTRIES = {
    "emea": ["de", "fr", "uk"],
    "na": ["us", "ca"],
    "apac": ["jp", "au"],
}
CHANNELS = ["web", "store", "partner"]
LINES = ["hardware", "software", "services"]


def make_rows(n, seed=1234):
    rng = random.Random(seed)
    regions = list(COUNTRIES)
    rows = []
    for i in range(n):
        region = rng.choice(regions)
        rows.append((
            100000 + i,
            region,
            rng.choice(COUNTRIES[region]),
            rng.choice(CHANNELS),
            rng.choice(LINES),
            rng.randrange(2022, 2025),
            rng.randrange(1, 13),
        ))
    return rows


def test_large_export():
    rows = make_rows(30000)
    result = orders_by_segment(rows)
    assert type(result) is dict
    assert sum(len(v) for v in result.values()) == 30000
    seen_keys = list(dict.fromkeys(r[1:] for r in rows))
    assert list(result) == seen_keys
    row_by_id = {r[0]: r for r in rows}
    for key, ids in result.items():
        assert type(ids) is list
        assert ids == sorted(ids)
        for oid in ids:
            assert row_by_id[oid][1:] == key
    assert len(result) == 7 * 3 * 3 * 3 * 12


def test_empty():
    assert orders_by_segment([]) == {}


def test_small_exact_and_duplicate_ids():
    rows = [
        (3, "na", "us", "web", "software", 2024, 1),
        (1, "emea", "de", "store", "hardware", 2024, 1),
        (2, "na", "us", "web", "software", 2024, 1),
        (2, "na", "us", "web", "software", 2024, 1),
        (9, "na", "us", "web", "software", 2024, 2),
    ]
    assert orders_by_segment(rows) == {
        ("na", "us", "web", "software", 2024, 1): [3, 2, 2],
        ("emea", "de", "store", "hardware", 2024, 1): [1],
        ("na", "us", "web", "software", 2024, 2): [9],
    }


def test_bad_row_shape():
    with pytest.raises(ValueError):
        orders_by_segment([(1, "na", "us", "web", 2024, 1)])
