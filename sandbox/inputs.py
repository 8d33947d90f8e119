"""Gather the target's inputs, in order of preference: real calls captured from the
workspace's pytest tests, doctest examples, the explicit `afterburner_inputs.py`
convention, and, only when none of those exist, examples generated from type hints."""

from __future__ import annotations

import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import capture_cache, launch
from .child.sources import EXPLICIT_FILE, explicit_function_name
from .errors import NoInputsError, UserError
from .target import Target, load_function
from .worker import Limits, Sandbox


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
    problems: list[str] = field(default_factory=list)  # the user's tests did not run: why
    test_files_run: list[str] = field(default_factory=list)  # the selection run under the tracer
    sys_path: list[str] = field(default_factory=list)  # where pytest imported test modules
    capture_s: float = 0.0  # wall time of the capture (of the one reused, when cached)
    cached: bool = False

    @property
    def total(self) -> int:
        return len(self.blobs)

    def by_source(self) -> dict[str, int]:
        return {
            "test": self.from_tests,
            "doctest": self.from_doctest,
            "explicit": self.from_explicit,
            "generated": self.generated,
        }

    def summary(self) -> dict:
        return {
            "total": self.total,
            "from_tests": self.from_tests,
            "from_doctest": self.from_doctest,
            "from_explicit": self.from_explicit,
            "generated": self.generated,
            "skipped_unpicklable": self.skipped_unpicklable,
            "tests_reaching": len(self.reaching_tests),
            "problems": list(self.problems),
            "test_files_run": list(self.test_files_run),
            "capture_s": self.capture_s,
            "cached": self.cached,
        }


def test_files(root: Path, name: str, package: str | None = None) -> tuple[list[str], list[str]]:
    """pytest files under root: those that mention the function's name, and those that
    import its top-level package without naming it (they reach it through other code)."""
    naming = re.compile(rf"\b{re.escape(name)}\b")
    importing = (
        re.compile(rf"^\s*(from|import)\s+{re.escape(package)}\b", re.M) if package else None
    )
    named, imported = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = capture_cache.workspace_dirs(dirpath, dirnames)
        for filename in sorted(filenames):
            if not filename.endswith(".py") or not (
                filename.startswith("test_") or filename.endswith("_test.py")
            ):
                continue
            path = Path(dirpath) / filename
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if naming.search(text):
                named.append(str(path))
            elif importing is not None and importing.search(text):
                imported.append(str(path))
    return named, imported


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


def overlay(target: Target) -> dict:
    """The buffer's text of the target's file, for the workers to import it from."""
    return {"overlay": {str(target.file): target.text}} if target.text is not None else {}


def worker_payload(
    target: Target, candidate: str | None = None, inputs: InputSet | None = None
) -> dict:
    """What every worker of a target is told: where the function is, the candidate, and
    where pytest imported the test modules whose objects the inputs may hold."""
    extra = [p for p in (inputs.sys_path if inputs else []) if p != str(target.root)]
    payload = {
        "root": str(target.root),
        "file": str(target.file),
        "qualname": target.qualname,
        "sys_path": [*worker_paths(target)["sys_path"], *extra],
        **overlay(target),
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
    use_cache: bool = True,
) -> InputSet:
    """The inputs, captured once per state of the workspace (capture_cache.py)."""
    named, imported = test_files(target.root, target.name, _package(target))
    info = load_function(target)
    payload = {
        "root": str(target.root),
        "file": str(target.file),
        "qualname": target.qualname,
        "test_files": named,
        "more_test_files": imported,
        "lines": [info.first_line, info.def_line],
        "limit": limit,
        "generate": generate,
        "per_call": 2.0,
        "sys_path": worker_paths(target)["sys_path"],
        **overlay(target),
    }
    name = capture_cache.key(target.root, payload, sandbox.python, launch.code_digest())
    r = capture_cache.load(name) if use_cache else None
    cached = r is not None
    if r is None:
        started = time.monotonic()
        r = _capture(sandbox, target, payload, timeout_s, cancel)
        r["capture_s"] = round(time.monotonic() - started, 3)
        capture_cache.store(name, r)
    result = _input_set(target, r, limit)
    result.capture_s, result.cached = float(r.get("capture_s", 0.0)), cached
    return result


def _capture(
    sandbox: Sandbox, target: Target, payload: dict, timeout_s: float, cancel: Any
) -> dict:
    paths = worker_paths(target)
    outcome = sandbox.run("inputs", payload, Limits(wall_s=timeout_s), cancel, keep=paths["keep"])
    if not outcome.ok:
        raise UserError(
            f"collecting inputs for {target.spec} failed: {outcome.failure}. "
            f"{_last_line(outcome.stderr_tail)}Check that the module imports and its tests run "
            f"with `python -m pytest` in {target.root}."
        )
    return outcome.result


def _input_set(target: Target, r: dict, limit: int) -> InputSet:
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
        problems=[str(p) for p in r.get("problems", [])],
        test_files_run=[str(p) for p in r.get("test_files_run", [])],
        sys_path=[str(p) for p in r.get("sys_path", []) if str(p).startswith(str(target.root))],
        **counts,
    )
    if r["skipped_unpicklable"]:
        result.notes.append(
            f"{r['skipped_unpicklable']} calls skipped: arguments cannot be pickled"
        )
    if r.get("truncated_iterators"):
        result.notes.append(
            f"{r['truncated_iterators']} calls passed an iterator of over 10,000 items (perhaps "
            "unbounded): the inputs hold its first 10,000 items, so they time other work than "
            "those tests did"
        )
    if not blobs:
        raise NoInputsError(no_inputs_message(target, result.problems + result.notes))
    return result


def _package(target: Target) -> str:
    from .child.loader import module_name_for

    return module_name_for(target.file)[0].split(".")[0]


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return f"Last error: {lines[-1].strip()[:300]}. " if lines else ""
