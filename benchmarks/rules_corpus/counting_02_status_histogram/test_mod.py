import random

from mod import status_histogram

CODES = [200] * 30 + [304] * 6 + [404] * 4 + [500, 502, 301, 201, 403]


def make_codes(n, seed=1234):
    rng = random.Random(seed)
    return [rng.choice(CODES) for _ in range(n)]


def test_large_log():
    codes = make_codes(30000)
    result = status_histogram(codes)
    assert isinstance(result, list)
    assert sum(c for _, c in result) == 30000
    expected = {}
    for code in codes:
        expected.setdefault(code, 0)
        expected[code] += 1
    assert dict(result) == expected
    counts = [c for _, c in result]
    assert counts == sorted(counts, reverse=True)
    assert result[0][0] == 200
    assert {s for s, _ in result} == set(CODES)


def test_ties_keep_first_seen_order():
    codes = [404, 200, 500, 200, 500, 404, 301]
    assert status_histogram(codes) == [(404, 2), (200, 2), (500, 2), (301, 1)]


def test_empty_and_tuple_input():
    assert status_histogram([]) == []
    assert status_histogram((503, 503, 200)) == [(503, 2), (200, 1)]


def test_string_codes():
    assert status_histogram(["2xx", "5xx", "2xx"]) == [("2xx", 2), ("5xx", 1)]
