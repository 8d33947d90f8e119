"""What the editor shows reads well for 0, 1 and many, gives memory as figures, and puts
plain text where clients show plain text."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import unquote

from afterburner.server.features.present import (
    command_link,
    hover_markdown,
    lens_title,
    memory_change,
    rewrite_title,
    standing,
)
from afterburner.server.records import Measurement, Rewrite
from afterburner.server.store import Record

REWRITE = Rewrite(code="def f(): pass", status="faster", speedup=3.3, ci95=(3.0, 3.6),
                  median_s=None, peak_bytes=19660.8, inputs=1,
                  baseline_peak_bytes=3276.8)  # fmt: skip


def record(rewrites: list[Rewrite]) -> Record:
    measured = Measurement(median_s=0.002, p90_s=0.01, n=4, peak_bytes=None, first_line=0)
    return Record("m.py", "f", "0" * 16, measurement=measured, rewrites=rewrites)


def test_memory_is_given_as_figures_and_change():
    assert memory_change(3276.8, 19660.8) == "3.2 KiB → 19.2 KiB (+500%)"
    assert memory_change(2048, 1024) == "2.0 KiB → 1.0 KiB (−50%)"
    assert memory_change(None, 10) == "" and memory_change(0, 10) == ""


def test_titles_are_plain_text_and_count_right():
    title = rewrite_title("round_robin", REWRITE)
    assert title == (
        "Apply 3.3x faster round_robin (95% CI 3.0–3.6x, 1 input, "
        "memory 3.2 KiB → 19.2 KiB (+500%))"
    )
    assert "`" not in title
    assert "4 inputs" in rewrite_title("f", replace(REWRITE, inputs=4))


def test_standing_reads_well_for_one_and_many():
    assert standing(0.0, 1) == "slower than the one equivalent rewrite measured"
    assert standing(100.0, 1) == "faster than the one equivalent rewrite measured"
    assert standing(0.0, 3) == "slower than all 3 equivalent rewrites measured"
    assert standing(100.0, 3) == "faster than all 3 equivalent rewrites measured"
    assert standing(50.0, 4) == "beats 50% of the 4 equivalent rewrites measured"


def test_hover_links_run_commands_with_their_arguments():
    link = command_link("apply it", "afterburner.apply", ["file:///w/m.py", "C.f"])
    title, target = link[1:].split("](command:")
    command, _, query = target.rstrip(")").partition("?")
    assert title == "apply it" and command == "afterburner.apply"
    assert json.loads(unquote(query)) == ["file:///w/m.py", "C.f"]
    links = {"apply": link, "profile": "P", "optimize": "O"}
    text = hover_markdown("f", record([REWRITE]), 0.0, None, "m.py::f", links)
    assert "rewrite: [apply it](command:afterburner.apply?" in text
    assert "slower than the one equivalent rewrite measured" in text
    assert "Run P" in hover_markdown("f", None, None, None, "m.py::f", links)
    plain = hover_markdown("f", record([REWRITE]), 0.0, None, "m.py::f")
    assert "command:" not in plain and "as a code action" in plain


def test_lens_icons_only_where_the_client_draws_them():
    assert lens_title(record([])).startswith("2 ms/call")
    assert lens_title(record([REWRITE]), icons=True).startswith("$(watch) 2 ms/call")
    assert lens_title(record([REWRITE])).endswith("3.3x faster rewrite available")
