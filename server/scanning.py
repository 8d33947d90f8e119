"""`afterburner scan`: rank the workspace's functions by the time a workload spends in them,
optimize the top ones, check the workload with every accepted rewrite, write them.

The CLI and the editor share this; scans are kept by scan_store.py. Each optimized
function's baseline and verified rewrites go into the workspace's store, so the editor's
hover and code actions show them."""

from __future__ import annotations

import os
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from afterburner.model.backends import Backend
from afterburner.model.loop import LoopResult, LoopSettings, optimize
from afterburner.sandbox.errors import UserError
from afterburner.sandbox.lines import read_source
from afterburner.sandbox.scan import HotFunction, ScanResult, Workload, WorkloadRun, run_workload
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.worker import Sandbox

from .documents import index
from .edits import write_atomically
from .scan_store import source_hashes
from .store import Store

Progress = Callable[[str, float], None]


def measured_median(store: Store, fn: HotFunction, source_hash: str | None) -> float | None:
    """The per-call median `profile` measured for this function as its source is now."""
    rec = store.get(fn.file, fn.qualname, source_hash) if source_hash else None
    return rec.measurement.median_s if rec and rec.measurement else None


@dataclass
class Optimized:
    """What the loop did with one hot function."""

    function: HotFunction
    status: str  # "faster", "not faster", "skipped", "error"
    reason: str | None = None
    speedup: float | None = None
    ci95: list[float] | None = None
    code: str | None = None  # the best verified rewrite
    evidence: str | None = None
    before: str | None = None  # the file's text the rewrite applies to

    @property
    def saved_share(self) -> float:
        """Estimated share of the scanned run saved: time in it x (1 - 1/speedup)."""
        if self.status != "faster" or not self.speedup:
            return 0.0
        return self.function.total_share * (1 - 1 / self.speedup)


def optimize_top(
    sandbox: Sandbox,
    root: Path,
    result: ScanResult,
    n: int,
    backend: Backend,
    settings: LoopSettings,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> list[Optimized]:
    """The loop on the top n functions that it can target, in rank order."""
    store = Store(root)
    chosen = [f for f in result.functions if f.optimizable][:n]
    out = []
    for i, fn in enumerate(chosen):
        if cancel is not None and cancel.is_set():
            break
        if progress:
            progress(f"{i + 1}/{len(chosen)} {fn.qualname}"[:40], i / max(1, len(chosen)))
        out.append(_optimize_one(sandbox, root, fn, backend, settings, store, cancel))
    if progress:
        progress("done", 1.0)
    return out


def _optimize_one(
    sandbox: Sandbox, root: Path, fn: HotFunction, backend: Backend, settings: LoopSettings,
    store: Store, cancel: threading.Event | None,
) -> Optimized:  # fmt: skip
    try:
        target = parse_target(fn.spec, root)
        before = target.source()
        loop = optimize(sandbox, target, backend, settings, cancel=cancel)
    except UserError as exc:
        return Optimized(fn, "error", str(exc))
    _keep(store, fn, before, loop)
    best = loop.best
    if best is None or best.status != "faster":
        why = loop.stopped or "no rewrite was verified faster"
        return Optimized(fn, "not faster", why, before=before)
    return Optimized(fn, "faster", best.evidence_note if best.evidence == "weak" else None,
                     best.speedup, best.ci95, best.code, best.evidence, before)  # fmt: skip


def _keep(store: Store, fn: HotFunction, source: str, loop: LoopResult) -> None:
    """The baseline and the equivalent rewrites, for the editor to show."""
    span = index(source).named(fn.qualname)
    if span is not None:
        store.put_optimization(fn.file, fn.qualname, span.source_hash, span.first_line, loop)


def rewritten_files(root: Path, accepted: list[Optimized]) -> dict[str, str]:
    """{absolute path: text with every accepted rewrite of that file spliced in}."""
    texts: dict[str, str] = {}
    for opt in accepted:
        path = str((root / opt.function.file).resolve())
        texts[path] = apply_rewrite(texts.get(path, opt.before or ""), opt.function.qualname,
                                    opt.code or "")  # fmt: skip
    return texts


@dataclass
class Check:
    """The workload timed with and without the accepted rewrites, alternately."""

    before: list[WorkloadRun] = field(default_factory=list)
    after: list[WorkloadRun] = field(default_factory=list)

    @property
    def before_s(self) -> float:
        return statistics.median(r.wall_s for r in self.before)

    @property
    def after_s(self) -> float:
        return statistics.median(r.wall_s for r in self.after)

    @property
    def broke(self) -> list[str]:
        """Why the rewrites must not be written: a test failed with them that passed in
        every run without them, or the workload's exit status changed."""
        if self.before[0].tests is not None:
            before = {t for r in self.before for t in (r.tests or {}).get("failed_ids", [])}
            after = {t for r in self.after for t in (r.tests or {}).get("failed_ids", [])}
            new = sorted(after - before)
            return [f"{len(new)} tests failed with them: {', '.join(new[:5])}"] if new else []
        exits = {r.exit for r in self.before}, {r.exit for r in self.after}
        if exits[0] != exits[1]:
            return [f"the workload exited with {sorted(exits[1])} with them, "
                    f"{sorted(exits[0])} without"]  # fmt: skip
        return []


def check(
    sandbox: Sandbox, root: Path, workload: Workload, accepted: list[Optimized],
    repeats: int = 3, timeout_s: float = 1800.0, cancel: threading.Event | None = None,
) -> Check:  # fmt: skip
    """Before and after, `repeats` times each, interleaved so that drift in the machine's
    load falls on both alike; the rewrites are served from memory, no file is touched."""
    texts = rewritten_files(root, accepted)
    out = Check()
    for _ in range(repeats):
        out.before.append(run_workload(sandbox, root, workload, None, timeout_s, cancel))
        out.after.append(run_workload(sandbox, root, workload, texts, timeout_s, cancel))
    return out


def write(root: Path, accepted: list[Optimized]) -> list[str]:
    """Write the rewrites into their files; a file changed since it was read is refused."""
    texts = rewritten_files(root, accepted)
    for path in texts:
        read = {o.before for o in accepted if str((root / o.function.file).resolve()) == path}
        try:
            unchanged = read == {read_source(path)}
        except (OSError, UnicodeDecodeError):
            unchanged = False
        if not unchanged:
            raise UserError(
                f"{path} changed while scan --optimize ran; nothing was written. Run it again."
            )
    written: list[str] = []
    for path, text in texts.items():
        try:
            write_atomically(Path(path), text)
        except OSError as exc:
            done = f" ({', '.join(written)} written)" if written else " (nothing written)"
            raise UserError(f"cannot write {path}: {exc.strerror or exc}{done}") from None
        written.append(os.path.relpath(path, root))
    return sorted(written)


def to_json(
    result: ScanResult, cached: bool, top: int, store: Store | None = None
) -> dict[str, Any]:
    """The scan's JSON (documented in the README)."""
    root = Path(result.root)
    hashes = source_hashes(root, result.top(top))
    rows = []
    for rank, fn in enumerate(result.top(top), 1):
        rows.append({
            "rank": rank, "spec": fn.spec, "file": fn.file, "qualname": fn.qualname,
            "line": fn.line, "self_s": fn.self_s, "total_s": fn.total_s,
            "self_share": round(fn.self_share, 4), "total_share": round(fn.total_share, 4),
            "calls": fn.calls, "optimizable": fn.optimizable,
            "measured_median_s": measured_median(store, fn, hashes.get(fn.spec)) if store else None,
            "source_hash": hashes.get(fn.spec),
        })  # fmt: skip
    run = result.run
    return {
        "root": result.root,
        "workload": result.workload.describe(),
        "cached": cached,
        "exit": run.exit,
        "tests": run.tests,
        "problems": run.problems,
        "wall_s": round(run.wall_s, 3),
        "cpu_s": round(run.cpu_s, 3),
        "sampled_s": round(result.sampled_s, 4),
        "outside_s": round(result.outside_s, 4),
        "samples": result.samples,
        "calls_counted": result.calls_counted,
        "ranked": len(result.functions),
        "functions": rows,
        "notes": result.notes,
    }
