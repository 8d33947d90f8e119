"""The command line as a user runs it: JSON contract, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from afterburner.sandbox.launch import namespace_flags
from afterburner.sandbox.worker import Sandbox
from tests.conftest import case_dirs, make_workspace

CLI = [sys.executable, "-m", "afterburner.server.cli"]


def run(*args, cwd):
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.mark.skipif(not case_dirs(), reason="tests/fixtures/cases is not present")
def test_verify_json_contract(tmp_path):
    case = next(c for c in case_dirs() if c.name.startswith("p01"))
    ws = make_workspace(case, tmp_path / "ws")
    wrong = run(
        "verify",
        "mod.py::merge_timelines",
        "--candidate",
        str(case / "cand_wrong_consume.py"),
        "--json",
        "--root",
        str(ws),
        cwd=ws,
    )
    assert wrong.returncode == 0, wrong.stderr
    out = json.loads(wrong.stdout)
    assert out["equivalent"] is False and out["reason"] and out["counterexample"]
    fast = run(
        "verify",
        "mod.py::merge_timelines",
        "--candidate",
        str(case / "cand_fast.py"),
        "--json",
        cwd=ws,
    )
    out = json.loads(fast.stdout)
    assert out["equivalent"] is True and out["reason"] is None
    assert out["verdict"] == "faster" and out["ci95"][0] > 1
    assert out["inputs"]["total"] == out["inputs"]["from_tests"] > 0
    for side in ("original", "candidate"):
        assert out[side]["median_s"] > 0 and out[side]["peak_bytes"] > 0
    # The isolation the result reports is the sandbox's own account of this machine, and
    # the jail that ran it is named.
    expected = Sandbox().describe_isolation()["network"]
    assert out["isolation"]["network"] == expected
    if "--net" in namespace_flags()[0]:
        assert expected.startswith("no network"), expected
    assert out["isolation"]["jail"], out["isolation"]


def test_user_errors_exit_2_with_one_line(tmp_path):
    (tmp_path / "m.py").write_text("def f(x):\n    return x\n")
    cases = [
        (["profile", "nope.py::f"], "no such file"),
        (["profile", "m.py::g"], "no function named 'g'"),
        (["profile", "m.py::f"], "no inputs"),
        (["verify", "m.py::f", "--candidate", "missing.py"], "cannot read the candidate"),
    ]
    for args, message in cases:
        r = run(*args, cwd=tmp_path)
        assert r.returncode == 2, (args, r.stderr)
        assert message in r.stderr and r.stderr.count("\n") == 1, r.stderr
