"""Rows of the real Venus dataset, read as the paper's evaluator reads them, turned into the
problems the rest of Afterburner works on: a module, its target function, a pytest file.

A Venus row (`Elfsong/Venus`, Python split) holds a LeetCode-style problem: `code_prompt`
(a `class Solution` starter), `test_case_runners` (a harness with a `==Code Submission==`
placeholder: what comes before it defines helpers such as ListNode, what comes after reads
stdin, calls the solution and prints), `test_cases` (a JSON string of `{"input", "output"}`),
`test_case_evaluator` (the source of `evaluate(expected_output, program_output)`), and
`solutions` measured by the paper's sandbox (`time` in ms, `memory` in KB, `integral` in
ms x KB).

Here a submission becomes `solution.py`: the imports the paper's evaluation template makes
available, the runner's part before the placeholder, then the submission. The target is
`Solution.<method of the starter>`. `test_solution.py` runs every test case as the evaluator
does: the runner's part after the placeholder, with the case on stdin, its output judged by
the row's `evaluate`. Equivalence for these rows is the evaluator's: a candidate passes when
these tests pass (`equivalence: "tests"`), since many problems accept any of several answers.
"""

from __future__ import annotations

import json
import re

PLACEHOLDER = "==Code Submission=="
# What the paper's evaluation template imports before the submission: solutions rely on it.
PRELUDE = """\
import bisect
import collections
import copy
import functools
import heapq
import io
import itertools
import math
import re
import string
import sys
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict, deque
from functools import cache, lru_cache
from heapq import heapify, heappop, heappush
from itertools import permutations, zip_longest
from math import ceil, factorial, floor, inf, sqrt
from sys import maxsize, stdin
from typing import List, Optional, Tuple
"""
REQUIRED = ("problem_id", "code_prompt", "test_case_runners", "test_cases", "test_case_evaluator")
_METHOD = re.compile(r"^\s+def\s+([A-Za-z_]\w*)\s*\(\s*self\b", re.M)

_TESTS = '''"""The Venus row's test cases, each run as the paper's evaluator runs it."""

{prelude}
import json

import pytest

import solution

CASES = json.loads({cases!r})
DRIVER = compile({driver!r}, "test_case_runner.py", "exec")


{evaluator}


def run(stdin_text: str) -> str:
    namespace = dict(vars(solution), __name__="__main__")
    printed = io.StringIO()
    saved = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = io.StringIO(stdin_text), printed
    try:
        exec(DRIVER, namespace)
    finally:
        sys.stdin, sys.stdout = saved
    return printed.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[f"case_{{i}}" for i in range(1, len(CASES) + 1)])
def test_case(case):
    printed = run(case["input"])
    assert evaluate(case["output"], printed), (
        f"expected {{case['output'][:300]!r}}, printed {{printed[:300]!r}}"
    )
'''


class UnusableRow(ValueError):
    """A row that cannot become a problem; the message says why, in one line."""


def is_venus_row(row: dict) -> bool:
    return "test_case_runners" in row or ("code_prompt" in row and "test_cases" in row)


def method_name(code_prompt: str) -> str:
    """The method the starter code asks for (the first `def name(self, ...)`)."""
    found = _METHOD.search(code_prompt or "")
    if not found or "class Solution" not in code_prompt:
        raise UnusableRow("the starter code has no `class Solution` method")
    return found.group(1)


def split_runner(runner: str) -> tuple[str, str]:
    """(the helpers before the placeholder, the driver after it)."""
    if PLACEHOLDER not in runner:
        raise UnusableRow(f"the test case runner has no {PLACEHOLDER} placeholder")
    head, driver = runner.split(PLACEHOLDER, 1)
    return head.rstrip() + "\n", driver.strip("\n") + "\n"


def tests_file(row: dict, driver: str) -> str:
    """test_solution.py for the row: one pytest test per test case, each running `driver`
    (the runner's part after the placeholder)."""
    try:
        cases = json.loads(row["test_cases"]) if isinstance(row["test_cases"], str) else None
    except json.JSONDecodeError as exc:
        raise UnusableRow(f"test_cases is not JSON ({exc.msg})") from None
    if not isinstance(cases, list) or not cases:
        raise UnusableRow("test_cases is not a non-empty JSON list")
    if not all(isinstance(c, dict) and {"input", "output"} <= set(c) for c in cases):
        raise UnusableRow('a test case lacks "input" or "output"')
    evaluator = str(row["test_case_evaluator"] or "").strip()
    if not re.search(r"^def evaluate\s*\(", evaluator, re.M):
        raise UnusableRow("test_case_evaluator defines no `evaluate` function")
    return _TESTS.format(
        prelude=PRELUDE, cases=json.dumps(cases), driver=driver, evaluator=evaluator
    )


def _figures(solution: dict) -> dict:
    """The paper's units (ms, KB, ms x KB) as Afterburner's (s, bytes, byte-seconds)."""
    out = {"code": solution.get("code") or "", "status": solution.get("status")}
    out["passed"] = bool(solution.get("passed", False))
    for key, scale in (("time", 1e-3), ("memory", 1024.0), ("integral", 1e-3 * 1024.0)):
        value = solution.get(key)
        ok = isinstance(value, (int, float)) and value == value and value not in (
            float("inf"), float("-inf")
        )
        out[key] = float(value) * scale if ok else None
    return out


def to_problem(row: dict) -> dict:
    """The row as a problem of Afterburner's own schema (see data.py), or UnusableRow."""
    missing = [k for k in REQUIRED if not row.get(k)]
    if missing:
        raise UnusableRow(f"no {', '.join(missing)}")
    method = method_name(str(row["code_prompt"]))
    head, driver = split_runner(str(row["test_case_runners"]))
    tests = tests_file(row, driver)
    solutions = [_figures(s) for s in row.get("solutions") or [] if isinstance(s, dict)]
    passing = [s for s in solutions if s["passed"] and s["code"].strip()]
    if row.get("starting_solution"):
        start = str(row["starting_solution"])
    elif passing:
        # The paper's GRPO rows start from a human solution too: the slowest that passes.
        start = max(passing, key=lambda s: s["time"] or 0.0)["code"]
    else:
        raise UnusableRow("no passing solution to start from")
    return {
        "problem_id": row["problem_id"],
        "title": row.get("title"),
        "question_content": row.get("question_content"),
        "difficulty": row.get("difficulty"),
        "function_name": f"Solution.{method}",
        "signature": str(row["code_prompt"]).strip(),
        "code_prompt": row["code_prompt"],
        "tests": tests,
        "prelude": PRELUDE + "\n" + head + "\n",  # what goes before a submission
        "starting_solution": start,
        "solutions": solutions,
        "equivalence": "tests",
        "schema": "venus",
    }
