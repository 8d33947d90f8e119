"""Gather the target's inputs, in order of preference: real calls captured from the
workspace's pytest tests, doctest examples, the explicit `afterburner_inputs.py`
convention, and, only when none of those exist, examples generated from type hints."""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .child.sources import EXPLICIT_FILE, explicit_function_name
from .errors import NoInputsError, UserError
from .target import Target
from .worker import Limits, Sandbox

_SKIP_DIRS = {"node_modules", "site-packages", "__pycache__", "build", "dist", "venv", "env"}


@dataclass
class InputSet:
    blobs: list[bytes]
    from_tests: int = 0
    from_doctest: int = 0
    from_explicit: int = 0
    generated: int = 0
    skipped_unpicklable: int = 0
    calls_seen: int = 0
    reaching_tests: list[str] = field(default_factory=list)
    passing_tests: list[str] = field(default_factory=list)
    failing_tests: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    fuzz_problem: str | None = None  # why type hints cannot drive Hypothesis, if they cannot

    @property
    def total(self) -> int:
        return len(self.blobs)

    def summary(self) -> dict:
        return {
            "total": self.total,
            "from_tests": self.from_tests,
            "from_doctest": self.from_doctest,
            "from_explicit": self.from_explicit,
            "generated": self.generated,
            "skipped_unpicklable": self.skipped_unpicklable,
            "tests_reaching": len(self.reaching_tests),
        }


def test_files(root: Path, name: str) -> list[str]:
    """pytest files under root that mention the function's name (the ones that can reach it)."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        for filename in sorted(filenames):
            if filename.endswith(".py") and (
                filename.startswith("test_") or filename.endswith("_test.py")
            ):
                path = Path(dirpath) / filename
                try:
                    if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                        found.append(str(path))
                except OSError:
                    continue
    return found


def no_inputs_message(target: Target, notes: list[str]) -> str:
    extra = f" ({'; '.join(notes)})" if notes else ""
    return (
        f"no inputs for {target.spec}{extra}. Provide them in one of these ways: "
        f"a pytest test under {target.root} that calls {target.name}(); a doctest example "
        f"`>>> {target.name}(...)` in its docstring; type hints on every parameter (Hypothesis "
        f"then generates inputs); or a function {explicit_function_name(target.qualname)}() in "
        f"{target.root / EXPLICIT_FILE} that yields argument tuples or keyword dicts"
    )


def worker_paths(target: Target) -> dict:
    """sys.path entries and jail exceptions every task on this target needs."""
    return {"sys_path": [str(target.root)], "keep": [str(target.root), str(target.file.parent)]}


def worker_payload(target: Target, candidate: str | None = None) -> dict:
    """What every worker of a target is told: where the function is, and the candidate."""
    payload = {
        "root": str(target.root),
        "file": str(target.file),
        "qualname": target.qualname,
        "sys_path": worker_paths(target)["sys_path"],
    }
    if candidate is not None:
        payload.update(candidate=candidate, candidate_filename="<candidate>")
    return payload


def collect_inputs(
    sandbox: Sandbox,
    target: Target,
    limit: int = 200,
    generate: int = 30,
    timeout_s: float = 300.0,
    cancel: threading.Event | None = None,
) -> InputSet:
    paths = worker_paths(target)
    payload = {
        "root": str(target.root),
        "file": str(target.file),
        "qualname": target.qualname,
        "test_files": test_files(target.root, target.name),
        "limit": limit,
        "generate": generate,
        "per_call": 2.0,
        "sys_path": paths["sys_path"],
    }
    outcome = sandbox.run("inputs", payload, Limits(wall_s=timeout_s), cancel, keep=paths["keep"])
    if not outcome.ok:
        raise UserError(
            f"collecting inputs for {target.spec} failed: {outcome.failure}. "
            f"{_last_line(outcome.stderr_tail)}Check that the module imports and its tests run "
            f"with `python -m pytest` in {target.root}."
        )
    r = outcome.result
    blobs: list[bytes] = []
    seen: set[bytes] = set()
    counts = {}
    for key in ("from_tests", "from_doctest", "from_explicit", "generated"):
        added = 0
        for blob in r[key]:
            if blob not in seen and len(blobs) < limit:
                seen.add(blob)
                blobs.append(blob)
                added += 1
        counts[key] = added
    result = InputSet(
        blobs=blobs,
        skipped_unpicklable=r["skipped_unpicklable"],
        calls_seen=r["total_calls"],
        reaching_tests=r["reaching_tests"],
        passing_tests=r["passing_tests"],
        failing_tests=r["failing_tests"],
        notes=list(r["notes"]),
        fuzz_problem=r["hints"],
        **counts,
    )
    if r["skipped_unpicklable"]:
        result.notes.append(
            f"{r['skipped_unpicklable']} calls skipped: arguments cannot be pickled"
        )
    if not blobs:
        raise NoInputsError(no_inputs_message(target, result.notes))
    return result


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return f"Last error: {lines[-1].strip()[:300]}. " if lines else ""
