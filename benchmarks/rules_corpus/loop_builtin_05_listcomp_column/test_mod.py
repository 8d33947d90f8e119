import random

import pytest

from mod import extract_column

HEADER = ["id", "email", "country", "signup_ts", "plan"]


def user_rows(n, seed=1234):
    rng = random.Random(seed)
    return [
        (i, f"user{i}@example.com", rng.choice(["DE", "FR", "BR", "JP"]),
         1_600_000_000 + rng.randrange(10**8), rng.choice(["free", "pro", None]))
        for i in range(n)
    ]


def test_large_by_position_and_name():
    rows = user_rows(60000)
    emails = extract_column(rows, 1)
    assert len(emails) == 60000
    assert emails[0] == "user0@example.com" and emails[-1] == "user59999@example.com"
    ids = extract_column(rows, "id", HEADER)
    assert ids == list(range(60000))
    plans = extract_column(rows, -1)
    assert plans.count(None) + plans.count("free") + plans.count("pro") == 60000


def test_small_and_edge_cases():
    rows = [(1, "a"), (2, "ß")]
    assert extract_column(rows, 1) == ["a", "ß"]
    assert extract_column([], 0) == []
    assert extract_column([[1, 2], [3, 4]], "b", ("a", "b")) == [2, 4]
    result = extract_column(rows, 0)
    assert isinstance(result, list) and result is not rows


def test_errors():
    with pytest.raises(ValueError):
        extract_column([(1,)], "id")
    with pytest.raises(ValueError):
        extract_column([(1,)], "nope", HEADER)
    with pytest.raises(IndexError):
        extract_column([(1, 2), (3,)], 1)
