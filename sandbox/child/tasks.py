"""The worker's tasks, one function each: request dict in, msgpack-able dict out.

Each task imports what it needs itself: a worker runs one task, and the timing workers
should not pay for Hypothesis, doctest or pytest at start-up (~0.15 s each)."""

from __future__ import annotations

import inspect
import types
from pathlib import Path
from typing import Any

from . import loader
from .calls import call, describe_input, load_input, outcome_difference
from .compare import difference


def _target(request: dict) -> tuple[types.ModuleType, Any, Any]:
    """(module, the entry as stored, the function to call with captured arguments)."""
    mod = loader.import_target_module(Path(request["file"]))
    entry = loader.original_entry(mod, request["qualname"])
    return mod, entry, loader.callable_of(entry)


def _owner(mod: types.ModuleType, qualname: str) -> Any:
    if "." not in qualname:
        return None
    owner: Any = mod
    for part in qualname.split(".")[:-1]:
        owner = getattr(owner, part)
    return owner


def _candidate(mod: types.ModuleType, request: dict) -> Any:
    entry = loader.candidate_entry(
        mod, request["qualname"], request["candidate"], request["candidate_filename"]
    )
    return loader.callable_of(entry)


def task_inputs(request: dict) -> dict:
    from . import capture, sources

    root, file, qualname = Path(request["root"]), Path(request["file"]), request["qualname"]
    limit = request["limit"]
    result: dict[str, Any] = {"notes": []}
    if request["test_files"]:
        captured = capture.capture(root, file, qualname, request["test_files"], limit)
    else:
        captured = {
            "calls": [],
            "skipped_unpicklable": 0,
            "total_calls": 0,
            "reaching_tests": [],
            "passing_tests": [],
            "failing_tests": {},
        }
    result.update(captured)
    result["from_tests"] = list(captured["calls"])
    mod, entry, func = _target(request)
    doc, doc_skipped = sources.doctest_inputs(func, mod, qualname.rsplit(".", 1)[-1])
    explicit, exp_skipped, exp_error = sources.explicit_inputs(root, qualname)
    if exp_error:
        result["notes"].append(exp_error)
    result["from_doctest"], result["from_explicit"] = doc, explicit
    result["skipped_unpicklable"] += doc_skipped + exp_skipped
    result["generated"] = []
    if not (captured["calls"] or doc or explicit):
        generated, why = sources.generated_inputs(
            func, _owner(mod, qualname), request["generate"], request["per_call"]
        )
        result["generated"] = generated
        if why:
            result["notes"].append(f"generation: {why}")
    result["hints"] = sources.strategies_for(func, _owner(mod, qualname))[1]
    return result


def task_check(request: dict) -> dict:
    """Equivalence on every input: the original runs first, before candidate code is loaded."""
    mod, entry, original = _target(request)
    blobs = request["inputs"]
    per_call = request["per_call"]
    originals = []
    mutates = False
    for blob in blobs:
        args, kwargs = load_input(blob)
        outcome = call(original, args, kwargs, timeout=per_call)
        before = load_input(blob)
        if difference(before, (outcome.args, outcome.kwargs or {})) is not None:
            mutates = True
        originals.append(outcome)
    plain = inspect.unwrap(original)
    lazy = inspect.isgeneratorfunction(plain) or inspect.iscoroutinefunction(plain)
    in_scope = [i for i, o in enumerate(originals) if not o.out_of_scope]
    result: dict[str, Any] = {
        "in_scope": in_scope,
        "out_of_scope": len(blobs) - len(in_scope),
        "mutates": mutates,
        "lazy": lazy,
        "orig_times": [o.elapsed for o in originals],
        "cand_times": [],
        "mismatch": None,
        "load_error": None,
    }
    if request.get("candidate") is None:
        return result
    try:
        candidate = _candidate(mod, request)
    except BaseException as exc:  # noqa: BLE001 - a candidate that fails to load is a verdict
        result["load_error"] = f"{type(exc).__name__}: {exc}"
        return result
    for i in in_scope:
        args, kwargs = load_input(blobs[i])
        shown = describe_input(args, kwargs)
        limit = max(1.0, 20 * originals[i].elapsed + 0.05)
        outcome = call(candidate, args, kwargs, timeout=limit)
        result["cand_times"].append(outcome.elapsed)
        diff = outcome_difference(originals[i], outcome)
        if diff:
            result["mismatch"] = {"input": shown, "reason": diff, "index": i}
            break
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


def task_fuzz(request: dict) -> dict:
    from . import fuzz

    mod, entry, original = _target(request)
    candidate = _candidate(mod, request)
    return fuzz.differential(
        original,
        candidate,
        _owner(mod, request["qualname"]),
        request["max_examples"],
        request["budget_s"],
        request["per_call"],
    )


def task_timing(request: dict) -> dict:
    from . import timing

    mod, entry, original = _target(request)
    candidate = _candidate(mod, request)
    return timing.pairs(
        original,
        candidate,
        request["inputs"],
        mutates=request["mutates"],
        lazy=request["lazy"],
        budget_s=request["budget_s"],
        seed=request["seed"],
        min_pairs=request["min_pairs"],
        per_input=request["per_input"],
    )


def task_memory(request: dict) -> dict:
    from . import memory

    mod, entry, original = _target(request)
    result = {"original": memory.peaks(original, request["inputs"])}
    if request.get("candidate") is not None:
        result["candidate"] = memory.peaks(_candidate(mod, request), request["inputs"])
    return result


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
