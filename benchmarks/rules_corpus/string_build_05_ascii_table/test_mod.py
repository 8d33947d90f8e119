import random

import pytest

from mod import render_table


HEADER = ["sku", "description", "warehouse", "on hand"]


def inventory(n, seed=1234):
    rng = random.Random(seed)
    things = ["bolt", "washer", "hinge", "bracket", "Ölfilter", "gasket set"]
    return [
        (f"SKU{rng.randrange(10**6):06d}", rng.choice(things) + " #" + str(rng.randrange(0, 10**rng.randrange(1, 6))),
         rng.choice(["BER-1", "HAM-2", "MUC-10"]), rng.randrange(0, 5000))
        for _ in range(n)
    ]


def test_large_table_structure():
    rows = inventory(2000)
    table = render_table(HEADER, rows)
    lines = table.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == len(rows) + 2
    assert len({len(line) for line in lines}) == 1
    assert set(lines[1]) <= {"|", "-"}
    for line, row in zip(lines[2:], rows):
        assert [c.strip() for c in line.strip("|").split("|")] == [str(v) for v in row]
    widths = [max(len(str(r[i])) for r in rows + [tuple(HEADER)]) for i in range(4)]
    assert lines[1] == "".join("|" + "-" * (w + 2) for w in widths) + "|"


def test_small_exact():
    assert render_table(["id", "name"], [(1, "Ann"), (22, "Bo")]) == (
        "| id | name |\n"
        "|----|------|\n"
        "| 1  | Ann  |\n"
        "| 22 | Bo   |\n"
    )
    assert render_table(["ü"], []) == "| ü |\n|---|\n"
    assert render_table([], []) == "|\n|\n"
    assert render_table([], [(), ()]) == "|\n|\n|\n|\n"


def test_short_header_raises():
    with pytest.raises(IndexError):
        render_table(["a"], [(1, 2)])
