"""What runs inside a job process (see jobs.py): plain functions, picklable results."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from afterburner.model.backends import make_backend
from afterburner.model.host import RemoteBackend
from afterburner.model.loop import LoopResult, LoopSettings, optimize
from afterburner.sandbox.inputs import InputSet, collect_inputs
from afterburner.sandbox.lines import read_source
from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import Target
from afterburner.sandbox.verify import VerifySettings
from afterburner.sandbox.worker import Sandbox

from .config import backend_config

Progress = Callable[[str, float], None]


def _prepare(
    root: str,
    file: str,
    text: str,
    qualname: str,
    python: str | None,
    cancel: threading.Event,
    progress: Progress,
) -> tuple[Sandbox, Target, InputSet]:
    """The sandbox, the target as the buffer has it, and its inputs (captured once per
    workspace state: the capture cache makes this cheap when nothing changed)."""
    sandbox = Sandbox(python=python)
    try:
        saved = read_source(file) == text
    except (OSError, UnicodeDecodeError):
        saved = False
    # a saved buffer is the file: the workers import it from disk, exactly as the CLI does
    target = Target(
        root=Path(root), file=Path(file), qualname=qualname, text=None if saved else text
    )
    progress("collecting inputs", 0.02)
    return sandbox, target, collect_inputs(sandbox, target, cancel=cancel)


def profile_job(
    *,
    cancel: threading.Event,
    progress: Progress,
    root: str,
    file: str,
    text: str,
    qualname: str,
    python: str | None,
) -> dict:
    sandbox, target, inputs = _prepare(root, file, text, qualname, python, cancel, progress)
    try:
        progress("profiling", 0.5)
        return profile(sandbox, target, inputs=inputs, cancel=cancel).to_json()
    finally:
        sandbox.cancel_all()


def optimize_job(
    *,
    cancel: threading.Event,
    progress: Progress,
    root: str,
    file: str,
    text: str,
    qualname: str,
    python: str | None,
    settings: dict,
) -> LoopResult:
    sandbox, target, inputs = _prepare(root, file, text, qualname, python, cancel, progress)
    hosted = settings.get("model_host")
    # a loaded model that outlives this job (model/host.py), or a backend of the job's own
    backend = RemoteBackend(hosted) if hosted else make_backend(backend_config(settings))
    try:
        loop = LoopSettings(
            rounds=settings["rounds"],
            k=settings["k"],
            temperature=settings["temperature"],
            max_tokens=settings["max_tokens"],
            timeout_s=settings["timeout_s"],
            seed=int(settings["seed"]),
            time_budget_s=settings["time_budget_s"],
            verify=VerifySettings(
                threshold=settings["threshold"], float_tolerance=settings["float_tolerance"]
            ),
        )
        return optimize(
            sandbox, target, backend, loop, inputs=inputs, cancel=cancel, progress=progress
        )
    finally:
        backend.close()
        sandbox.cancel_all()


def scan_job(
    *,
    cancel: threading.Event,
    progress: Progress,
    root: str,
    python: str | None,
    tests: str | None,
    fresh: bool,
    top: int,
) -> dict:
    """The workspace's tests once under the sampler (or the scan kept for this state of
    the workspace): its JSON, as `afterburner scan --json` prints it."""
    from afterburner.sandbox.scan import Workload

    from . import scan_store, scanning
    from .store import Store

    sandbox = Sandbox(python=python)
    workload = Workload.parse(tests, [])
    progress(f"running {workload.describe()}", 0.05)
    try:
        result, cached = scan_store.cached_or_new(
            sandbox, Path(root), workload, 1800.0, fresh, cancel
        )
    finally:
        sandbox.cancel_all()
    return scanning.to_json(result, cached, top, Store(Path(root)))
