import random

import pytest

from mod import InsertBuilder


def _rows(n, seed=1234):
    rng = random.Random(seed)
    names = ["O'Brien", "Müller", "Smith", "Nakamura", "d'Artagnan"]
    return [
        (i, rng.choice(names), rng.randrange(18, 90), rng.random() < 0.5, None if i % 9 == 0 else rng.randrange(10**6) / 100)
        for i in range(n)
    ]


def test_large_batch():
    rows = _rows(6000)
    b = InsertBuilder("people", ["id", "name", "age", "active", "balance"])
    assert b.add_rows(rows) == 6000
    assert b.row_count == 6000
    lines = b.sql.split("\n")
    assert lines[0] == "INSERT INTO people (id, name, age, active, balance) VALUES"
    assert len(lines) == 6000 + 2 and lines[-1] == ""
    assert lines[-2].endswith(");")
    assert all(line.endswith("),") for line in lines[1:-2])
    r = rows[1]
    assert lines[2] == "  (%d, '%s', %d, %s, %s)," % (
        r[0], r[1].replace("'", "''"), r[2], "TRUE" if r[3] else "FALSE", "NULL" if r[4] is None else repr(r[4]))
    assert b.sql.count("NULL") == sum(1 for r in rows if r[4] is None)


def test_two_batches_accumulate():
    b = InsertBuilder("t", ["a"])
    b.add_rows([(1,), ("x",)])
    b.add_rows([])
    b.add_rows([(None,)])
    assert b.sql == "INSERT INTO t (a) VALUES\n  (1),\n  ('x');\nINSERT INTO t (a) VALUES\n  (NULL);\n"
    assert b.row_count == 3


def test_errors_keep_partial_text():
    b = InsertBuilder("t", ["a", "b"])
    with pytest.raises(ValueError, match="row 1"):
        b.add_rows([(1, "é"), (2,), (3, 4)])
    assert b.sql == "INSERT INTO t (a, b) VALUES\n  (1, 'é'),\n"
    assert b.row_count == 0
    with pytest.raises(ValueError):
        InsertBuilder("t", [])
