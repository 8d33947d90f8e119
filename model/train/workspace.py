"""A problem of the dataset as a workspace the sandbox can work on: the solution module
(`solution.py`, defining the problem's function) and its pytest file (`test_solution.py`)
in a fresh directory. Every measurement of a dataset problem goes through here, so the
reference solutions, the starting solution and the model's candidates are measured alike."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

# Imported here, in the main thread: the sandbox's child modules install a signal handler
# at import time, which Python allows only there (measure() runs in worker threads).
from afterburner.sandbox.errors import UserError
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import Target

MODULE = "solution.py"
TESTS = "test_solution.py"


def module_text(row: dict, code: str) -> str:
    """The solution module for a submission of the row: Venus rows put the imports of the
    paper's template and the runner's helpers (ListNode, ...) before it (venus.py)."""
    return str(row.get("prelude") or "") + code


def write_workspace(code: str, tests: str, root: str | Path | None = None) -> Path:
    """Write `code` as solution.py and `tests` as test_solution.py; return the directory."""
    path = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="afterburner-ws-"))
    path.mkdir(parents=True, exist_ok=True)
    (path / MODULE).write_text(code if code.endswith("\n") else code + "\n", encoding="utf-8")
    (path / TESTS).write_text(tests, encoding="utf-8")
    return path.resolve()


def target_in(root: Path, function_name: str) -> Target:
    root = Path(root).resolve()
    return Target(root=root, file=root / MODULE, qualname=function_name)


def why_not_passing(inputs) -> str:
    """Why code whose tests were run does not count as passing, in one line."""
    failing = next(iter(inputs.failing_tests.items()), None)
    if failing:
        return f"test failed: {failing[0]} {failing[1]}"[:500]
    return "; ".join(inputs.problems) or "no test reaches the function"


def run_tests(sandbox, target: Target):
    """(the inputs the problem's tests passed to the target, None) when they all pass, else
    (None, why not)."""
    try:
        inputs = collect_inputs(sandbox, target, generate=0)
    except UserError as exc:
        return None, str(exc)
    if inputs.failing_tests or not inputs.passing_tests:
        return None, why_not_passing(inputs)
    return inputs, None


def passes_tests(sandbox, code: str, tests: str, function_name: str) -> tuple[bool, str | None]:
    """Whether `code` passes the problem's tests, and if not, why."""
    root = write_workspace(code, tests)
    try:
        inputs, why = run_tests(sandbox, target_in(root, function_name))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return inputs is not None, why


def measure(
    sandbox, code: str, tests: str, function_name: str, budget_s: float = 0.5, inputs=None
) -> dict:
    """Run the problem's tests on `code` and profile it on the inputs those tests pass:
    {"passed", "time" (seconds for one call on each input: the whole workload, the figure
    the loop's speedups are about), "memory" (peak bytes), "integral" (time x memory,
    byte-seconds), "reason"}. With `inputs` (an InputSet collected once for
    the problem) the tests are not run again: pass them only for code already known to pass
    (a reference solution, a verified rewrite). The one way the dataset's reference solutions
    and every evaluated candidate are measured, so the figures compare."""
    out = {"passed": False, "time": None, "memory": None, "integral": None, "reason": None}
    root = write_workspace(code, tests)
    try:
        target = target_in(root, function_name)
        if inputs is None:  # else collected once for the problem, for code known to pass
            inputs, out["reason"] = run_tests(sandbox, target)
            if inputs is None:
                return out
        out["passed"] = True
        try:
            p = profile(sandbox, target, inputs=inputs, budget_s=budget_s)
        except UserError as exc:
            out["reason"] = str(exc)
            return out
        t, m = p.per_call["total_s"], p.memory.get("peak_bytes")
        out["time"] = t
        out["memory"] = m
        out["integral"] = t * m if (t is not None and m is not None) else None
        return out
    finally:
        shutil.rmtree(root, ignore_errors=True)
