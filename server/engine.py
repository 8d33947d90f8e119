"""The editor's view of Afterburner, free of LSP types: measure, optimize, and read back
what was measured for the function at hand. The LSP features are thin adapters over this."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from afterburner.model.host import HOSTED, BackendHost
from afterburner.sandbox.splice import apply_rewrite

from .config import Settings, backend_config
from .documents import FunctionSpan
from .jobs import JobError, run_job
from .records import Measurement, Regression, Rewrite
from .scan_store import latest, scan_file
from .store import Record, Store, percentile_among, workspace_rank

if TYPE_CHECKING:  # imported on the main thread before the first job (features/commands.py)
    from afterburner.model.loop import LoopResult

Progress = Callable[[str, float], None]
REGRESSION = 1.25  # this many times slower than the last measurement of another source
HOT_LENSES = 10  # the hottest functions of the last scan get a lens


@dataclass(frozen=True)
class Hot:
    rank: int
    self_share: float
    source_hash: str
    of_tests: bool  # the scanned workload was the test suite (not a script)


def _hot_functions(root: Path) -> dict[tuple[str, str], Hot]:
    kept = latest(root)
    if kept is None:
        return {}
    result, hashes = kept
    ranked = [f for f in result.functions if f.optimizable and f.spec in hashes]
    tests = result.workload.kind == "pytest"
    return {
        (f.file, f.qualname): Hot(rank, f.self_share, hashes[f.spec], tests)
        for rank, f in enumerate(ranked[:HOT_LENSES], 1)
    }


class Engine:
    """Lives in the server process: keeps the store; the measuring
    itself runs in job processes (jobs.py)."""

    def __init__(self, root: Path, settings: Settings, run: Callable[..., Any] = run_job) -> None:
        """`run`: how a job runs (jobs.run_job: in a child process); a test may pass one
        that runs in-process."""
        self.run = run
        self.root = root.resolve()
        self.settings = settings
        self.store = Store(self.root)
        self.hosts: dict[str, BackendHost] = {}  # loaded models, by their setting
        # the last scan's hottest functions, with the kept scan's mtime they were read at
        self._hot: tuple[int, dict[tuple[str, str], Hot]] | None = None

    def close(self) -> None:
        for host in self.hosts.values():
            host.close()
        self.hosts.clear()

    def _model_host(self) -> dict | None:
        """Where a job finds the loaded model, for backends slow to load; the host of a
        setting no longer used is closed."""
        config = backend_config(asdict(self.settings))
        if config.backend not in HOSTED:
            return None
        key = json.dumps(asdict(config), sort_keys=True, default=str)
        for other in [k for k in self.hosts if k != key]:
            self.hosts.pop(other).close()
        host = self.hosts.setdefault(key, BackendHost(config))
        return host.connection_info()

    def configure(self, settings: Settings) -> None:
        self.settings = settings

    def key(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path.resolve())

    # -- measuring (blocking: call from a thread) -------------------------------------------
    def _job(
        self,
        function: str,
        path: Path,
        text: str,
        span: FunctionSpan,
        cancel: threading.Event,
        progress: Progress | None,
        **extra: object,
    ) -> object:
        """Run a job on the function as `text` (the editor's buffer, saved or not) has it;
        the rest of the workspace is read from disk. Its inputs are captured once per state
        of the workspace and buffer (sandbox/capture_cache.py): a test that changes is seen."""
        result = self.run(
            "afterburner.server.job_tasks",
            function,
            {
                "root": str(self.root),
                "file": str(path.resolve()),
                "text": text,
                "qualname": span.qualname,
                "python": self.settings.python,
                **extra,
            },
            cancel,
            progress,
        )
        if cancel.is_set():  # cancelled as it finished: what was asked to stop is not kept
            raise JobError("cancelled")
        return result

    def profile(
        self,
        path: Path,
        text: str,
        span: FunctionSpan,
        cancel: threading.Event,
        progress: Progress | None = None,
    ) -> tuple[Record, Regression | None]:
        """Profile the function `span` of `text` (the buffer: saved or not)."""
        result = self._job("profile_job", path, text, span, cancel, progress)
        measurement = Measurement.from_profile(result, span.first_line)
        key, qualname = self.key(path), span.qualname
        previous = self.store.put_measurement(key, qualname, span.source_hash, measurement)
        regression = None
        now = measurement.median_s
        if previous and previous.median_s > 0 and now / previous.median_s >= REGRESSION:
            regression = Regression(now / previous.median_s, previous.median_s, now)
        rec = self.store.get(key, qualname, span.source_hash)
        if regression:
            rec.measurement = replace(measurement, regression=regression)
            self.store.save()
        return rec, regression

    def optimize(
        self,
        path: Path,
        text: str,
        span: FunctionSpan,
        cancel: threading.Event,
        progress: Progress | None = None,
    ) -> LoopResult:
        """Optimize the function `span` of `text`; its verified rewrites are kept for it."""
        settings = {**asdict(self.settings), "model_host": self._model_host()}
        result = self._job("optimize_job", path, text, span, cancel, progress, settings=settings)
        self.store.put_optimization(
            self.key(path), span.qualname, span.source_hash, span.first_line, result
        )
        return result

    def scan(
        self,
        cancel: threading.Event,
        progress: Progress | None = None,
        tests: str | None = None,
        fresh: bool = False,
    ) -> dict:
        """Rank the workspace's functions by the time its tests spend in them (scan_job)."""
        args = {"root": str(self.root), "python": self.settings.python, "tests": tests,
                "fresh": fresh, "top": 50}  # fmt: skip
        result = self.run("afterburner.server.job_tasks", "scan_job", args, cancel, progress)
        if cancel.is_set():
            raise JobError("cancelled")
        return result

    # -- reading back ---------------------------------------------------------------------
    def hot_functions(self) -> dict[tuple[str, str], Hot]:
        """The last scan's hottest functions by (file key, qualname); read again when the
        kept scan changes (a scan from the command line counts too)."""
        try:
            stamp = scan_file(self.root).stat().st_mtime_ns
        except OSError:
            stamp = 0
        if self._hot is None or self._hot[0] != stamp:
            self._hot = (stamp, _hot_functions(self.root) if stamp else {})
        return self._hot[1]

    def record(self, path: Path, span: FunctionSpan) -> Record | None:
        return self.store.get(self.key(path), span.qualname, span.source_hash)

    def percentiles(self, rec: Record) -> tuple[float | None, float | None]:
        """(beats X% of equivalent implementations, slower than Y% of workspace functions)."""
        if not rec.measurement:
            return None, None
        own = rec.measurement.median_s
        # rewrites were timed against this same source: their time relative to it is exact
        others = [own / r.speedup for r in rec.rewrites if r.speedup]
        among = percentile_among(own, others) if others else None
        workspace = [r.measurement.median_s for r in self.store.measured()]
        rank = workspace_rank(own, workspace) if len(workspace) > 1 else None
        return among, rank

    def rewritten_source(self, source: str, qualname: str, rewrite: Rewrite) -> str:
        return apply_rewrite(source, qualname, rewrite.code)
