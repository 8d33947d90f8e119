"""Run a whole workload in the worker, as the user runs it from the workspace's root: its
pytest suite (the user's configuration honoured, Afterburner's own plugins kept out as in
the capture) or a Python script or module with its arguments."""

from __future__ import annotations

import contextlib
import io
import os
import runpy
import sys
from pathlib import Path
from typing import Any


def _outcomes(scratch: str) -> Any:
    """The capture's per-test outcome hooks, plus a home for Hypothesis: the tests run from
    the workspace's root, which the jail holds read-only, and Hypothesis keeps its database
    under the working directory and warns when it cannot (an error under
    `filterwarnings = error`), so its home moves to the worker's own scratch."""
    from .capture import TestOutcomes

    class Outcomes(TestOutcomes):
        def pytest_collection_finish(self, session: Any) -> None:
            hypothesis = sys.modules.get("hypothesis.configuration")
            if hypothesis is not None and not os.access(os.getcwd(), os.W_OK):
                with contextlib.suppress(Exception):
                    hypothesis.set_hypothesis_home_dir(os.path.join(scratch, ".hypothesis"))

    return Outcomes()


def run(root: Path, kind: str, argv: list[str]) -> dict:
    """kind "pytest" (argv: pytest's arguments), "script" (argv: path and its arguments) or
    "module" (argv: module name and its arguments). The outcome as plain data."""
    cwd = os.getcwd()
    os.chdir(root)  # relative paths in tests and scripts mean what they mean to the user
    try:
        if kind == "pytest":
            return _pytest(root, argv, cwd)
        return _python(kind, argv)
    finally:
        os.chdir(cwd)


def _pytest(root: Path, argv: list[str], scratch: str) -> dict:
    from .capture import run_as_configured

    hooks = _outcomes(scratch)
    code, problems = run_as_configured(root, argv, hooks)
    by: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": []}
    for test, outcome in hooks.outcomes.items():  # one outcome per test, as the capture has
        by[outcome].append(test)
    return {
        "exit": code,
        "problems": problems,
        "tests": {"passed": len(by["passed"]), "failed": len(by["failed"]),
                  "skipped": len(by["skipped"]), "failed_ids": by["failed"][:500]},  # fmt: skip
    }


def _python(kind: str, argv: list[str]) -> dict:
    saved = list(sys.argv)
    sys.argv = list(argv)
    printed = io.StringIO()
    code, problems = 0, []
    try:
        with contextlib.redirect_stdout(printed):
            if kind == "script":
                sys.path.insert(0, str(Path(argv[0]).resolve().parent))
                runpy.run_path(argv[0], run_name="__main__")
            else:
                runpy.run_module(argv[0], run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if code:
            problems.append(f"the command exited with status {code}")
    except Exception as exc:  # noqa: BLE001 - the user's workload failed: said, not raised
        code = 1
        problems.append(f"the command raised {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        sys.argv = saved
    return {"exit": code, "problems": problems, "tests": None}
