import random

from mod import read_columns


def seating_chart(rows, seats, seed=1234):
    rng = random.Random(seed)
    return [
        "".join(rng.choices("..#LXé", k=seats))
        for _ in range(rows)
    ]


def test_large_rectangular_block():
    lines = seating_chart(2500, 60)
    cols = read_columns("\n".join(lines) + "\n\nfooter text that must be ignored\n")
    assert len(cols) == 60
    for j, col in enumerate(cols):
        assert len(col) == 2500
        assert col == "".join(line[j] for line in lines)


def test_large_ragged_block():
    rng = random.Random(99)
    lines = [l[: rng.randint(1, 60)] for l in seating_chart(1500, 60, seed=5)]
    cols = read_columns("\r\n".join(lines))
    assert len(cols) == max(map(len, lines))
    assert sum(map(len, cols)) == sum(map(len, lines))
    for j in (0, 17, len(cols) - 1):
        assert cols[j] == "".join(l[j] for l in lines if len(l) > j)


def test_small_exact():
    assert read_columns("abc\ndef\n") == ["ad", "be", "cf"]
    assert read_columns("ab\nc\nxyz") == ["acx", "by", "z"]
    assert read_columns("") == []
    assert read_columns("\nabc") == []
    assert read_columns("ßü\nöä\n\nzz") == ["ßö", "üä"]
