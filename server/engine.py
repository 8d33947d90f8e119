"""The editor's view of Afterburner, free of LSP types: measure, optimize, and read back
what was measured for the function at hand. The LSP features are thin adapters over this."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from afterburner.model.loop import LoopResult
from afterburner.sandbox.inputs import InputSet
from afterburner.sandbox.target import FunctionInfo, function_info

from .config import Settings
from .documents import source_hashes
from .edits import apply_rewrite
from .jobs import run_job
from .store import Record, Store, percentile_among, workspace_rank

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Regression:
    factor: float  # how many times slower than the previous measurement
    previous_s: float
    now_s: float


class Engine:
    """Lives in the server process: keeps the store and the inputs cache; the measuring
    itself runs in job processes (jobs.py)."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root.resolve()
        self.settings = settings
        self.store = Store(self.root)
        self._inputs: dict[tuple[str, str, str], InputSet] = {}

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
        qualname: str,
        cancel: threading.Event,
        progress: Progress | None,
        **extra: object,
    ) -> tuple[object, FunctionInfo]:
        """Run a job on the function as it is on disk, reusing and refreshing its inputs."""
        info = function_info(path.read_text(encoding="utf-8"), qualname, str(path))
        cache_key = (str(path.resolve()), qualname, info.source_hash)
        result, inputs = run_job(
            "afterburner.server.job_tasks",
            function,
            {
                "root": str(self.root),
                "file": str(path.resolve()),
                "qualname": qualname,
                "python": self.settings.python,
                "inputs": self._inputs.get(cache_key),
                **extra,
            },
            cancel,
            progress,
        )
        self._inputs[cache_key] = inputs
        return result, info

    def profile(
        self, path: Path, qualname: str, cancel: threading.Event, progress: Progress | None = None
    ) -> tuple[Record, Regression | None]:
        result, info = self._job("profile_job", path, qualname, cancel, progress)
        result["first_line"] = info.first_line - 1  # hot lines are absolute: remember where it was
        previous = self.store.put_profile(self.key(path), qualname, info.source_hash, result)
        regression = None
        now = result["per_call"]["median_s"]
        if previous and previous["median_s"] > 0 and now / previous["median_s"] >= 1.25:
            regression = Regression(now / previous["median_s"], previous["median_s"], now)
            result["regression"] = {
                "factor": regression.factor,
                "previous_s": regression.previous_s,
                "now_s": regression.now_s,
            }
            self.store.save()
        return self.store.get(self.key(path), qualname, info.source_hash), regression

    def optimize(
        self, path: Path, qualname: str, cancel: threading.Event, progress: Progress | None = None
    ) -> LoopResult:
        result, info = self._job(
            "optimize_job", path, qualname, cancel, progress, settings=asdict(self.settings)
        )
        equivalent = [
            {
                "code": c.code,
                "status": c.status,
                "speedup": c.speedup,
                "ci95": c.ci95,
                "median_s": c.median_s,
                "peak_bytes": c.peak_bytes,
                "inputs": result.inputs.get("total", 0),
                "baseline_peak_bytes": result.baseline.get("peak_bytes"),
                "note": c.note,
            }
            for rnd in result.rounds
            for c in rnd
            if c.status in ("faster", "not faster")
        ]
        key = self.key(path)
        self.store.put_rewrites(key, qualname, info.source_hash, equivalent)
        if self.store.get(key, qualname, info.source_hash).profile is None:
            self.store.put_profile(
                key,
                qualname,
                info.source_hash,
                {
                    "per_call": {
                        "median_s": result.baseline["median_s"],
                        "p90_s": result.baseline["p90_s"],
                        "n": result.inputs.get("total", 0),
                    },
                    "memory": {"peak_bytes": result.baseline["peak_bytes"]},
                    "inputs": result.inputs,
                    "hot_lines": result.baseline["hot_lines"],
                    "complexity": result.baseline["complexity"],
                    "first_line": info.first_line - 1,
                },
            )
        return result

    # -- reading back ---------------------------------------------------------------------
    def record(self, path: Path, source: str, qualname: str) -> Record | None:
        source_hash = source_hashes(source).get(qualname)
        if source_hash is None:
            return None
        return self.store.get(self.key(path), qualname, source_hash)

    def percentiles(self, rec: Record) -> tuple[float | None, float | None]:
        """(beats X% of equivalent implementations, slower than Y% of workspace functions)."""
        if not rec.profile:
            return None, None
        own = rec.profile["per_call"]["median_s"]
        # rewrites were timed against this same source: their time relative to it is exact
        others = [own / r["speedup"] for r in rec.rewrites if r.get("speedup")]
        among = percentile_among(own, others) if others else None
        workspace = [r.profile["per_call"]["median_s"] for r in self.store.profiles()]
        rank = workspace_rank(own, workspace) if len(workspace) > 1 else None
        return among, rank

    def rewritten_source(self, source: str, qualname: str, rewrite: dict) -> str:
        return apply_rewrite(source, qualname, rewrite["code"])
