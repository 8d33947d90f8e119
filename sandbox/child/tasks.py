"""The worker's tasks, one function each: request dict in, msgpack-able dict out.

Each task imports what it needs itself: a worker runs one task, and the timing workers
should not pay for Hypothesis, doctest or pytest at start-up (~0.15 s each)."""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from . import loader


def _target(request: dict) -> tuple[types.ModuleType, Any, Any]:
    """(module, the entry as stored, the function to call with captured arguments)."""
    mod = loader.import_target_module(Path(request["file"]))
    entry = loader.original_entry(mod, request["qualname"])
    return mod, entry, loader.callable_of(entry, request["qualname"])


def task_inputs(request: dict) -> dict:
    from . import capture, sources

    root, file, qualname = Path(request["root"]), Path(request["file"]), request["qualname"]
    limit = request["limit"]
    result: dict[str, Any] = {"notes": []}
    if request["test_files"] or request.get("more_test_files"):
        captured = capture.capture(
            root, file, qualname, request["test_files"], limit,
            request.get("more_test_files", []), request.get("lines"),
        )  # fmt: skip
    else:
        captured = {
            "calls": [],
            "skipped_unpicklable": 0,
            "total_calls": 0,
            "reaching_tests": [],
            "passing_tests": [],
            "failing_tests": {},
            "problems": [],
            "test_files_run": [],
            "sys_path": [],
        }
    result.update(captured)
    result["from_tests"] = list(captured["calls"])
    mod, entry, func = _target(request)
    name = loader.split_accessor(qualname)[0].rsplit(".", 1)[-1]
    owner = loader.owner_of(mod, qualname)
    doc, doc_skipped = sources.doctest_inputs(func, mod, name, owner)
    explicit, exp_skipped, exp_error = sources.explicit_inputs(root, qualname)
    if exp_error:
        result["notes"].append(exp_error)
    result["from_doctest"], result["from_explicit"] = doc, explicit
    result["skipped_unpicklable"] += doc_skipped + exp_skipped
    result["generated"] = []
    if not (captured["calls"] or doc or explicit):
        generated, why = sources.generated_inputs(
            func, loader.owner_of(mod, qualname), request["generate"], request["per_call"]
        )
        result["generated"] = generated
        if why:
            result["notes"].append(f"generation: {why}")
    return result


def task_tests(request: dict) -> dict:
    from . import capture

    return capture.run_patched(
        Path(request["root"]),
        Path(request["file"]),
        request["qualname"],
        request["candidate"],
        request["candidate_filename"],
        request["tests"],
    )


def task_profile(request: dict) -> dict:
    from . import memory, profile

    mod, entry, func = _target(request)
    blobs, budget = request["inputs"], request["budget_s"]
    flags = {"mutates": request["mutates"], "lazy": request["lazy"]}
    return {
        "times": profile.per_call_times(func, blobs, budget_s=budget * 0.4, **flags),
        "lines": {str(k): v for k, v in profile.hot_lines(func, blobs, budget * 0.2).items()},
        "memory": memory.peaks(func, blobs),
        "scaling": profile.scaling(func, blobs, budget_s=budget * 0.4, **flags),
    }


def task_scan(request: dict) -> dict:
    """The workload once, under the sampler: where its CPU time went, by workspace function."""
    import time

    from . import sampler, workload

    s = sampler.Sampler(request["root"], request.get("interval_s", sampler.INTERVAL_S))
    started, cpu = time.perf_counter(), time.process_time()
    s.start()
    try:
        outcome = workload.run(Path(request["root"]), request["kind"], request["argv"])
    finally:
        s.stop()
    outcome.update(
        wall_s=time.perf_counter() - started, cpu_s=time.process_time() - cpu, **s.result()
    )
    return outcome


def task_workload(request: dict) -> dict:
    """The workload once, plainly (rewrites in the overlay, if any): its wall and CPU time."""
    import time

    from . import workload

    started, cpu = time.perf_counter(), time.process_time()
    outcome = workload.run(Path(request["root"]), request["kind"], request["argv"])
    return {**outcome, "wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu}
