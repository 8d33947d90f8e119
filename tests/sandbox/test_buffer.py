"""The editor's unsaved text is what gets measured: the workers import the target's module
from the buffer (the rest of the workspace from disk), whatever the saved file holds."""

from __future__ import annotations

import dataclasses

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import load_function, parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace

QUICK = VerifySettings(fuzz=False, budget_s=0.2)
SAVED = "def area(w, h):\n    return w * h + 1\n"
# two lines more above the function than on disk, and a different body
BUFFER = (
    '"""Shapes."""\n\nimport math\n\n\n'
    "def area(w, h):\n    total = 0\n    for _ in range(w):\n        total += h\n    return total\n"
)
TESTS = (
    "from shapes import area\n\n"
    "def test_area():\n    assert area(2, 3) == 6\n    assert area(4, 5) == 20\n"
)


def _workspace(tmp_path):
    return write_workspace(tmp_path, {"shapes.py": SAVED, "test_shapes.py": TESTS})


def test_the_buffer_not_the_saved_file_is_run_and_verified(sandbox, tmp_path):
    ws = _workspace(tmp_path)
    on_disk = parse_target("shapes.py::area", ws)
    saved = collect_inputs(sandbox, on_disk)
    assert saved.failing_tests, "the saved version fails its tests"

    buffer = dataclasses.replace(on_disk, text=BUFFER)
    assert load_function(buffer).first_line == 6
    inputs = collect_inputs(sandbox, buffer)
    assert not inputs.failing_tests and inputs.passing_tests == ["test_shapes.py::test_area"]
    assert inputs.from_tests == 2  # the calls are matched by the buffer's lines

    # equivalent to the buffer's loop, not to the saved `w * h + 1`
    r = verify(sandbox, buffer, "def area(w, h):\n    return w * h\n", settings=QUICK)
    assert r.equivalent, r.reason
    r = verify(sandbox, buffer, SAVED, settings=QUICK)
    assert not r.equivalent

    p = profile(sandbox, buffer, inputs=inputs, budget_s=0.2)
    assert {h["text"] for h in p.hot_lines} <= {
        line.strip() for line in BUFFER.splitlines() if line.strip()
    }
    assert any("total" in h["text"] for h in p.hot_lines)
    assert (ws / "shapes.py").read_text() == SAVED  # nothing was written


def test_the_capture_cache_tells_buffers_apart(sandbox, tmp_path):
    ws = _workspace(tmp_path)
    target = dataclasses.replace(parse_target("shapes.py::area", ws), text=BUFFER)
    first = collect_inputs(sandbox, target)
    again = collect_inputs(sandbox, target)
    assert again.cached and not again.failing_tests and again.blobs == first.blobs
    edited = dataclasses.replace(target, text=BUFFER.replace("total += h", "total += h + 0"))
    assert not collect_inputs(sandbox, edited).cached
