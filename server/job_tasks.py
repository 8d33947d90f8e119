"""What runs inside a job process (see jobs.py): plain functions, picklable results."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from afterburner.model.backends import BackendConfig, make_backend
from afterburner.model.loop import LoopResult, LoopSettings, optimize
from afterburner.sandbox.inputs import InputSet, collect_inputs
from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import Target
from afterburner.sandbox.verify import VerifySettings
from afterburner.sandbox.worker import Sandbox

Progress = Callable[[str, float], None]


def _prepare(
    root: str,
    file: str,
    qualname: str,
    python: str | None,
    inputs: InputSet | None,
    cancel: threading.Event,
    progress: Progress,
) -> tuple[Sandbox, Target, InputSet]:
    sandbox = Sandbox(python=python)
    target = Target(root=Path(root), file=Path(file), qualname=qualname)
    if inputs is None:
        progress("collecting inputs", 0.02)
        inputs = collect_inputs(sandbox, target, cancel=cancel)
    return sandbox, target, inputs


def profile_job(
    *,
    cancel: threading.Event,
    progress: Progress,
    root: str,
    file: str,
    qualname: str,
    python: str | None,
    inputs: InputSet | None,
) -> tuple[dict, InputSet]:
    sandbox, target, inputs = _prepare(root, file, qualname, python, inputs, cancel, progress)
    try:
        progress("profiling", 0.5)
        return profile(sandbox, target, inputs=inputs, cancel=cancel).to_json(), inputs
    finally:
        sandbox.cancel_all()


def optimize_job(
    *,
    cancel: threading.Event,
    progress: Progress,
    root: str,
    file: str,
    qualname: str,
    python: str | None,
    inputs: InputSet | None,
    settings: dict,
) -> tuple[LoopResult, InputSet]:
    sandbox, target, inputs = _prepare(root, file, qualname, python, inputs, cancel, progress)
    backend = make_backend(
        BackendConfig(
            backend=settings["backend"],
            base_url=settings["base_url"],
            model=settings["model"],
            api_key=settings["api_key"],
            device=settings["device"],
        )
    )
    try:
        loop = LoopSettings(
            rounds=settings["rounds"],
            k=settings["k"],
            temperature=settings["temperature"],
            time_budget_s=settings["time_budget_s"],
            verify=VerifySettings(threshold=settings["threshold"]),
        )
        return optimize(
            sandbox, target, backend, loop, inputs=inputs, cancel=cancel, progress=progress
        ), inputs
    finally:
        backend.close()
        sandbox.cancel_all()
