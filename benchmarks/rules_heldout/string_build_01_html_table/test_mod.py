import random
import re

import pytest

from mod import render_table


def _rows(n, seed=1234):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        rows.append((i, "user%04d" % rng.randrange(10000), rng.choice(["ok", "failed", "<pending>"]),
                     rng.randrange(100000) / 100, None if i % 13 == 0 else "eu-west"))
    return rows


def test_large_report():
    rows = _rows(2500)
    html = render_table(["id", "user", "status", "amount", "region"], rows, caption="Nightly jobs")
    assert html.startswith("<table>\n<caption>Nightly jobs</caption>\n<tr><th>id</th><th>user</th>")
    assert html.endswith("</tr>\n</table>\n")
    lines = html.split("\n")
    assert len(lines) == 2500 + 5
    body = lines[3:-2]
    for row, line in zip(rows, body):
        cells = re.findall(r"<td>(.*?)</td>", line)
        assert cells[0] == str(row[0])
        assert cells[2] == row[2].replace("<", "&lt;").replace(">", "&gt;")
        assert cells[4] == ("" if row[4] is None else row[4])
    assert html.count("&lt;pending&gt;") == sum(1 for r in rows if r[2] == "<pending>")


def test_small_cases():
    assert render_table(["a"], []) == "<table>\n<tr><th>a</th></tr>\n</table>\n"
    assert render_table(["név", "x&y"], [("Zoë", None)], caption="") == (
        "<table>\n<tr><th>név</th><th>x&amp;y</th></tr>\n<tr><td>Zoë</td><td></td></tr>\n</table>\n"
    )
    with pytest.raises(ValueError, match="row 2 has 1 cells, expected 2"):
        render_table(["a", "b"], [(1, 2), (3,)])
    with pytest.raises(ValueError):
        render_table([], [(1,)])
