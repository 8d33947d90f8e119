"""Where a workload's time goes: the workspace's test suite (or a script) run once in the
sandbox under the sampling profiler (`child/sampler.py`), its workspace functions ranked.

The same run, without the profiler and with rewrites served in place of the files
(`child/overlay.py`), is the check run of `scan --optimize`: the workload's time before and
after, measured alike."""

from __future__ import annotations

import shlex
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UserError
from .worker import Limits, Sandbox

_STARTED = (0, 1, 5)  # pytest: passed, some failed, no tests collected


@dataclass(frozen=True)
class Workload:
    """What to run: pytest with arguments, a Python script or a module, from the root."""

    kind: str  # "pytest", "script" or "module"
    argv: tuple[str, ...] = ()

    @classmethod
    def parse(cls, tests: str | None, command: list[str]) -> Workload:
        """From `--tests "ARGS"` or `-- COMMAND...`; the workspace's tests when neither."""
        if command and tests:
            raise UserError("give either --tests ARGS or -- COMMAND, not both")
        if not command:
            try:
                return cls("pytest", tuple(shlex.split(tests or "")))
            except ValueError as exc:  # an unclosed quotation
                why = f"--tests {tests!r} cannot be split into arguments: {exc}"
                raise UserError(why) from None
        head, rest = Path(command[0]).name, list(command[1:])
        if head in ("pytest", "py.test"):
            return cls("pytest", tuple(rest))
        if head.startswith("python") or head == "py":
            if rest[:2] and rest[0] == "-m" and len(rest) > 1:
                return (
                    cls("pytest", tuple(rest[2:]))
                    if rest[1] == "pytest"
                    else cls("module", tuple(rest[1:]))
                )
            if rest and rest[0].endswith(".py"):
                return cls("script", tuple(rest))
        elif command[0].endswith(".py"):
            return cls("script", tuple(command))
        raise UserError(
            f"cannot scan `{shlex.join(command)}`: scan profiles Python workloads in the "
            "sandbox. Give `-- python SCRIPT.py ARGS`, `-- python -m MODULE ARGS` or "
            "`-- pytest ARGS`"
        )

    def describe(self) -> str:
        prefix = {"pytest": ["pytest"], "script": ["python"], "module": ["python", "-m"]}
        return shlex.join([*prefix[self.kind], *self.argv])


@dataclass(frozen=True)
class HotFunction:
    """One workspace function's share of the run."""

    file: str  # relative to the root
    qualname: str
    line: int
    self_s: float  # CPU time with it as the innermost workspace frame (its callees outside
    total_s: float  # the workspace included), and with it anywhere on the stack
    calls: int | None  # None where calls are not counted (Python 3.11)
    self_share: float
    total_share: float

    @property
    def spec(self) -> str:
        return f"{self.file}::{self.qualname}"

    @property
    def optimizable(self) -> bool:
        """A def the loop can target: not module-level code, not a def inside a def."""
        return self.qualname != "<module>" and "<locals>" not in self.qualname


@dataclass(frozen=True)
class WorkloadRun:
    exit: int
    problems: list[str]
    tests: dict | None  # passed, failed, skipped (pytest workloads)
    wall_s: float
    cpu_s: float

    @property
    def ran(self) -> bool:
        return self.exit in _STARTED if self.tests is not None else not self.problems


@dataclass
class ScanResult:
    root: str
    workload: Workload
    run: WorkloadRun
    functions: list[HotFunction]  # ranked: most self time first
    sampled_s: float  # CPU time the sampler saw: the shares are of this
    samples: int
    calls_counted: bool
    notes: list[str] = field(default_factory=list)

    @property
    def outside_s(self) -> float:
        """Time with no workspace function on the stack: pytest, the tests, libraries."""
        return max(0.0, self.sampled_s - sum(f.self_s for f in self.functions))

    def top(self, n: int) -> list[HotFunction]:
        return self.functions[:n]


def scan(
    sandbox: Sandbox,
    root: Path,
    workload: Workload,
    timeout_s: float = 1800.0,
    cancel: threading.Event | None = None,
) -> ScanResult:
    """The workload once under the sampler; raises UserError when it did not run at all."""
    raw = _run(sandbox, root, workload, "scan", {}, timeout_s, cancel)
    run = _workload_run(raw)
    if not run.ran:
        raise UserError(_did_not_run(root, workload, run))
    sampled = float(raw["sampled_s"]) or 1e-9
    functions = [
        HotFunction(
            file=f["file"],
            qualname=f["qualname"],
            line=int(f["line"]),
            self_s=float(f["self_s"]),
            total_s=float(f["total_s"]),
            calls=f["calls"],
            self_share=float(f["self_s"]) / sampled,
            total_share=float(f["total_s"]) / sampled,
        )
        for f in raw["functions"]
    ]
    functions.sort(key=lambda f: (-f.self_s, -f.total_s, f.spec))
    notes = list(run.problems)
    if not functions:
        notes.append(
            "no CPU time was seen in the workspace's own code (tests, conftest files and "
            "installed packages are not ranked)"
        )
    if not raw["calls_counted"]:
        notes.append("calls are counted on Python 3.12+ only (sys.monitoring)")
    return ScanResult(
        str(root), workload, run, functions, float(raw["sampled_s"]), int(raw["samples"]),
        bool(raw["calls_counted"]), notes,
    )  # fmt: skip


def run_workload(
    sandbox: Sandbox,
    root: Path,
    workload: Workload,
    overlay: dict[str, str] | None = None,
    timeout_s: float = 1800.0,
    cancel: threading.Event | None = None,
) -> WorkloadRun:
    """The workload once, plainly, with `overlay` ({path: text}) served in place of files."""
    raw = _run(sandbox, root, workload, "workload", overlay or {}, timeout_s, cancel)
    return _workload_run(raw)


def _run(
    sandbox: Sandbox, root: Path, workload: Workload, task: str, overlay: dict[str, str],
    timeout_s: float, cancel: threading.Event | None,
) -> dict:  # fmt: skip
    payload = {
        "root": str(root),
        "kind": workload.kind,
        "argv": list(workload.argv),
        "sys_path": [str(root)],
        "overlay": overlay,
    }
    limits = Limits(wall_s=timeout_s, memory_bytes=4 << 30, processes=256)
    outcome = sandbox.run(task, payload, limits, cancel, keep=[str(root)])
    if not outcome.ok:
        tail = [ln for ln in outcome.stderr_tail.strip().splitlines() if ln.strip()]
        last = f" Last error: {tail[-1].strip()[:300]}." if tail else ""
        raise UserError(
            f"running `{workload.describe()}` in {root} failed: {outcome.failure}.{last} "
            f"Check that it runs in {root} with the workspace interpreter"
            + (" (pytest must be installed there)" if workload.kind == "pytest" else "")
            + (
                f", or give a longer --timeout than {timeout_s:.0f} s"
                if "timeout" in str(outcome.failure)
                else ""
            )  # fmt: skip
        )
    return outcome.result


def _workload_run(raw: dict) -> WorkloadRun:
    return WorkloadRun(
        exit=int(raw["exit"]),
        problems=[str(p) for p in raw["problems"]],
        tests=raw.get("tests"),
        wall_s=float(raw["wall_s"]),
        cpu_s=float(raw["cpu_s"]),
    )


def _did_not_run(root: Path, workload: Workload, run: WorkloadRun) -> str:
    why = "; ".join(run.problems) or f"exit status {run.exit}"
    return (
        f"`{workload.describe()}` did not run in {root}: {why}. Run it there yourself to see "
        "why, or scan another workload with `-- python SCRIPT.py ARGS`"
    )
