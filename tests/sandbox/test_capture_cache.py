"""Inputs are captured once per state of the workspace: the next collection of the same
function does not run the tests again, and any change the capture depends on does."""

from __future__ import annotations

import os

from afterburner.sandbox import inputs as inputs_module
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from tests.conftest import write_workspace


def test_the_capture_is_reused_until_a_test_or_a_helper_changes(sandbox, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ws = write_workspace(tmp_path / "ws", {
        "helpers.py": "def base():\n    return 1\n",
        "mod.py": "def total(xs):\n    return sum(xs)\n",
        "test_mod.py": "from mod import total\n\ndef test_total():\n"
                       "    assert total([1, 2]) == 3\n",
    })  # fmt: skip
    runs = []
    real = inputs_module._capture
    monkeypatch.setattr(inputs_module, "_capture", lambda *a: runs.append(1) or real(*a))
    target = parse_target("mod.py::total", ws)
    first = collect_inputs(sandbox, target)
    again = collect_inputs(sandbox, target)
    assert len(runs) == 1 and again.blobs == first.blobs and again.from_tests == 1
    (ws / "test_mod.py").write_text(
        "from mod import total\n\ndef test_total():\n    assert total([1, 2, 3]) == 6\n"
    )
    changed = collect_inputs(sandbox, target)
    assert len(runs) == 2 and changed.blobs != first.blobs
    stamp = os.stat(ws / "helpers.py").st_mtime_ns + 10**9
    os.utime(ws / "helpers.py", ns=(stamp, stamp))
    collect_inputs(sandbox, target)
    assert len(runs) == 3
    collect_inputs(sandbox, target, use_cache=False)
    assert len(runs) == 4
