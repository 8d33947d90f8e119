"""Rows of the real Venus schema become problems: units converted once, the runner and the
evaluator as the problem's tests, and a row that cannot be used is one line, not a crash."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from afterburner.model.train.data import usable_rows
from afterburner.model.train.venus import UnusableRow, method_name, split_runner, to_problem
from afterburner.model.train.workspace import module_text, write_workspace
from tests.fixtures.venus.rows import PAIRS, PAIRS_FAST, PAIRS_WRONG, REVERSE


def test_a_row_becomes_a_problem_in_afterburners_units():
    p = to_problem(PAIRS)
    assert p["function_name"] == "Solution.pairs" and p["equivalence"] == "tests"
    fast = p["solutions"][1]
    assert fast["time"] == pytest.approx(1.5e-3)  # ms -> s
    assert fast["memory"] == pytest.approx(1200 * 1024)  # KB -> bytes
    assert fast["integral"] == pytest.approx(1.5e-3 * 1200 * 1024)  # ms x KB -> s x bytes
    failed = p["solutions"][2]
    assert not failed["passed"] and failed["time"] is None  # inf in the data: no figure
    # The slowest passing solution is where the loop starts when the row names none.
    assert p["starting_solution"] == PAIRS["solutions"][0]["code"]


def test_the_runners_helpers_come_before_the_submission():
    p = to_problem(REVERSE)
    module = module_text(p, p["starting_solution"])
    assert module.index("class ListNode") < module.index("class Solution")
    assert "from typing import List, Optional, Tuple" in module
    head, driver = split_runner(REVERSE["test_case_runners"])
    assert "def build" in head and driver.startswith("head = build(")
    assert method_name(REVERSE["code_prompt"]) == "reverseList"


def _pytest(problem: dict, code: str, tmp_path) -> subprocess.CompletedProcess:
    root = write_workspace(module_text(problem, code), problem["tests"], tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("row", "code", "passes"),
    [
        (PAIRS, PAIRS["solutions"][0]["code"], True),
        (PAIRS, PAIRS_FAST, True),  # another order: the row's evaluator accepts it
        (PAIRS, PAIRS_WRONG, False),
        (REVERSE, REVERSE["solutions"][0]["code"], True),
        (REVERSE, REVERSE["solutions"][0]["code"].replace("return prev", "return head"), False),
    ],
)
def test_the_tests_judge_as_the_evaluator_does(row, code, passes, tmp_path):
    run = _pytest(to_problem(row), code, tmp_path)
    assert (run.returncode == 0) == passes, run.stdout[-1500:]
    cases = len(json.loads(row["test_cases"]))
    if passes:
        assert f"{cases} passed" in run.stdout


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"test_case_runners": "print(1)"}, "no ==Code Submission== placeholder"),
        ({"test_cases": "[{"}, "test_cases is not JSON"),
        ({"test_cases": "[]"}, "test_cases is not a non-empty JSON list"),
        ({"test_cases": '[{"input": "1"}]'}, 'lacks "input" or "output"'),
        ({"test_case_evaluator": "def judge(a, b):\n    return a == b"}, "no `evaluate`"),
        ({"code_prompt": "def f(x):\n    "}, "no `class Solution` method"),
        ({"solutions": []}, "no passing solution to start from"),
        ({"test_case_runners": ""}, "no test_case_runners"),
    ],
)
def test_an_unusable_row_says_why(change, reason):
    with pytest.raises(UnusableRow, match=reason.replace("(", r"\(").replace(")", r"\)")):
        to_problem({**PAIRS, **change})


def test_usable_rows_skips_with_one_line_each():
    own = {"problem_id": "own-1", "function_name": "f", "tests": "t", "starting_solution": "s"}
    rows = [PAIRS, {**REVERSE, "test_cases": "not json"}, own, {"problem_id": 7}, "garbage"]
    problems, skipped = usable_rows(rows)
    assert [p["problem_id"] for p in problems] == [9001, "own-1"]
    assert skipped == [
        "9002: test_cases is not JSON (Expecting value)",
        "7: neither a Venus row nor one of Afterburner's own: no function_name, tests, "
        "starting_solution",
        "row 5: not a JSON object",
    ]
