"""Is a candidate equivalent to the original, and is it faster? The sandbox's main answer.

Stages, cheapest first, stopping at the first rejection: parse -> same signature -> every
input (value and type, exception type, argument mutation, printed output) -> the workspace
tests that reach the target, with the candidate patched in -> differential fuzzing from
the type hints -> interleaved timing in several worker processes -> memory.
"""

from __future__ import annotations

import ast
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from . import stats
from .inputs import InputSet, collect_inputs, worker_paths
from .target import (
    FunctionInfo,
    Target,
    candidate_node,
    describe_signature,
    load_function,
    signature_of,
)
from .worker import Limits, Sandbox, WorkerResult

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class VerifySettings:
    threshold: float = 1.05  # smallest speedup called "faster"
    budget_s: float = 2.0  # timing budget over all workers, for functions up to ~10 ms a call
    workers: int = 5  # processes: each has a bias of its own, so the interval is over them
    min_pairs: int = 5  # per worker (25 in all); slower functions get a longer budget for them
    max_budget_s: float = 30.0
    fuzz_examples: int = 200
    fuzz_budget_s: float = 3.0
    run_tests: bool = True
    fuzz: bool = True
    seed: int = 1


@dataclass
class VerifyResult:
    target: str
    equivalent: bool
    reason: str | None = None
    stage: str | None = None  # where a rejection happened
    counterexample: str | None = None
    inputs: dict = field(default_factory=dict)
    tests: dict = field(default_factory=dict)
    fuzz: dict = field(default_factory=dict)
    verdict: str | None = None
    speedup: float | None = None
    ci95: list[float] | None = None
    original: dict = field(default_factory=dict)
    candidate: dict = field(default_factory=dict)
    timing: dict = field(default_factory=dict)
    isolation: dict = field(default_factory=dict)
    wall_s: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def faster(self) -> bool:
        return self.equivalent and self.verdict == stats.FASTER


def _reject(
    result: VerifyResult, stage: str, reason: str, counterexample: str | None = None
) -> VerifyResult:
    result.equivalent, result.stage, result.reason = False, stage, reason
    result.counterexample = counterexample
    return result


def _worker_failure(what: str, outcome: WorkerResult) -> str:
    return f"the candidate broke the worker while {what}: {outcome.failure}"


def static_check(candidate_source: str, info: FunctionInfo) -> tuple[str, str] | None:
    """(stage, reason) when the candidate fails before running: syntax, missing def, signature."""
    try:
        node = candidate_node(candidate_source, info.qualname)
    except SyntaxError as exc:
        return "parse", f"syntax error at line {exc.lineno}: {exc.msg}"
    except ValueError as exc:  # e.g. null bytes
        return "parse", f"not valid Python source: {exc}"
    if node is None:
        return (
            "parse",
            f"the candidate defines no function named {info.qualname.rsplit('.', 1)[-1]!r}",
        )
    sig = signature_of(node)
    if sig != info.signature:
        return "signature", (
            f"signature changed from {describe_signature(info.signature)} "
            f"to {describe_signature(sig)}; "
            "parameter names, kinds and defaults must stay the same"
        )
    if isinstance(node, ast.AsyncFunctionDef) != info.is_async:
        return "signature", "the candidate changes whether the function is async"
    return None


def _timing_inputs(check: dict, pass_s: float) -> list[int]:
    """In-scope inputs to time, in their original order: all of them when one pass fits in
    pass_s; otherwise the heaviest input (it dominates the workload, and the budget grows to
    fit it) plus as many of the next heaviest as still fit."""
    scope = check["in_scope"]
    times = check["orig_times"]
    if sum(times[i] for i in scope) <= pass_s:
        return scope
    ranked = sorted(scope, key=lambda i: -times[i])
    chosen, used = [ranked[0]], times[ranked[0]]
    for i in ranked[1:]:
        if used + times[i] <= pass_s:
            chosen.append(i)
            used += times[i]
    return sorted(chosen)


def _worker_budget(settings: VerifySettings, pass_orig: float, pass_cand: float) -> float:
    """Seconds of pairs per worker: the default share, or enough for min_pairs pairs."""
    per_pair = max(0.002, pass_orig) + max(0.002 * pass_cand / max(pass_orig, 1e-9), pass_cand)
    share = settings.budget_s / settings.workers
    return min(
        max(share, settings.min_pairs * per_pair * 1.2), settings.max_budget_s / settings.workers
    )


def verify(
    sandbox: Sandbox,
    target: Target,
    candidate_source: str,
    inputs: InputSet | None = None,
    settings: VerifySettings | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> VerifyResult:
    settings = settings or VerifySettings()
    started = time.monotonic()
    note = progress or (lambda stage, fraction: None)
    info = load_function(target)
    result = VerifyResult(
        target=target.spec, equivalent=False, isolation=sandbox.describe_isolation()
    )
    try:
        return _verify(
            sandbox, target, info, candidate_source, inputs, settings, cancel, note, result
        )
    finally:
        result.wall_s = round(time.monotonic() - started, 3)


def _verify(
    sandbox: Sandbox,
    target: Target,
    info: FunctionInfo,
    candidate_source: str,
    inputs: InputSet | None,
    settings: VerifySettings,
    cancel: threading.Event | None,
    note: Progress,
    result: VerifyResult,
) -> VerifyResult:
    problem = static_check(candidate_source, info)
    if problem:
        return _reject(result, *problem)
    note("inputs", 0.05)
    if inputs is None:
        inputs = collect_inputs(sandbox, target, cancel=cancel)
    result.inputs = inputs.summary()
    paths = worker_paths(target)
    base = {
        "root": str(target.root),
        "file": str(target.file),
        "qualname": target.qualname,
        "candidate": candidate_source,
        "candidate_filename": "<candidate>",
        "sys_path": paths["sys_path"],
    }

    def run(task: str, payload: dict, wall_s: float) -> WorkerResult:
        outcome = sandbox.run(
            task, {**base, **payload}, Limits(wall_s=wall_s), cancel, keep=paths["keep"]
        )
        result.isolation = outcome.isolation or result.isolation
        return outcome

    note("equivalence", 0.15)
    estimate = 30.0 + 25 * inputs.total
    checked = run("check", {"inputs": inputs.blobs, "per_call": 30.0}, estimate)
    if not checked.ok:
        return _reject(result, "inputs", _worker_failure("running the inputs", checked))
    check = checked.result
    if check["load_error"]:
        return _reject(result, "load", f"the candidate failed to load: {check['load_error']}")
    if check["mismatch"]:
        m = check["mismatch"]
        return _reject(
            result,
            "inputs",
            f"differs on a {_source_of(inputs, m['index'])} input: {m['reason']}",
            m["input"],
        )
    if not check["in_scope"]:
        return _reject(
            result,
            "inputs",
            "the original itself times out or hits the recursion limit on every input",
        )
    result.inputs["out_of_scope"] = check["out_of_scope"]

    if settings.run_tests and inputs.passing_tests:
        note("tests", 0.3)
        tests = inputs.passing_tests
        ran = run("tests", {"tests": tests}, 60.0 + 10 * sum(check["orig_times"]) + 5 * len(tests))
        if not ran.ok:
            return _reject(result, "tests", _worker_failure("running the tests", ran))
        result.tests = {"ran": len(tests), "failed": len(ran.result["failed"])}
        if ran.result["error"]:
            return _reject(
                result, "tests", f"the candidate could not be patched in: {ran.result['error']}"
            )
        if ran.result["failed"]:
            test, message = next(iter(ran.result["failed"].items()))
            return _reject(
                result, "tests", f"workspace test {test} fails with the candidate: {message}"
            )

    if settings.fuzz and inputs.fuzz_problem is None:
        note("fuzz", 0.45)
        fuzzed = run(
            "fuzz",
            {
                "max_examples": settings.fuzz_examples,
                "budget_s": settings.fuzz_budget_s,
                "per_call": 0.5,
            },
            60.0 + 4 * settings.fuzz_budget_s,
        )
        if not fuzzed.ok:
            return _reject(result, "fuzz", _worker_failure("fuzzing", fuzzed))
        f = fuzzed.result
        result.fuzz = {"examples": f["ran"], "skipped": f["skipped"]}
        if f["reason"]:
            return _reject(
                result, "fuzz", f"differs on a generated input: {f['reason']}", f["counterexample"]
            )
    else:
        result.fuzz = {
            "examples": 0,
            "skipped": inputs.fuzz_problem if settings.fuzz else "disabled",
        }

    result.equivalent = True
    pass_target = settings.budget_s / (settings.workers * settings.min_pairs * 2)
    picked = _timing_inputs(check, pass_target)
    blobs = [inputs.blobs[i] for i in picked]
    cand_times = dict(zip(check["in_scope"], check["cand_times"], strict=False))
    pass_orig = sum(check["orig_times"][i] for i in picked)
    pass_cand = sum(cand_times.get(i, check["orig_times"][i]) for i in picked)
    budget = _worker_budget(settings, pass_orig, pass_cand)
    calibration = 4 * (pass_orig + pass_cand) + 0.05
    workers: list = []
    per_input: list = []
    for w in range(settings.workers):
        note("timing", 0.55 + 0.35 * w / settings.workers)
        timed = run(
            "timing",
            {
                "inputs": blobs,
                "mutates": check["mutates"],
                "lazy": check["lazy"],
                "budget_s": budget,
                "seed": settings.seed + w,
                "min_pairs": settings.min_pairs,
                "per_input": w == 0,
            },
            30.0 + 3 * (budget + calibration),
        )
        if not timed.ok:
            result.equivalent = False
            return _reject(result, "timing", _worker_failure("timing", timed))
        workers.append(timed.result["pairs"])
        per_input = per_input or timed.result["per_input"]
    decision = stats.decide(workers, settings.threshold)
    result.verdict = decision.verdict
    result.speedup = round(decision.speedup, 4)
    result.ci95 = [round(decision.ci95[0], 4), round(decision.ci95[1], 4)]
    result.timing = {
        "pairs": decision.pairs,
        "workers": len(workers),
        "inputs_timed": len(blobs),
        "per_worker": [round(w, 4) for w in decision.per_worker],
        "budget_s_per_worker": round(budget, 3),
        "threshold": settings.threshold,
    }
    result.original = {
        "median_s": stats.percentile([a for a, _ in per_input], 50),
        "workload_s": decision.original_s,
    }
    result.candidate = {
        "median_s": stats.percentile([b for _, b in per_input], 50),
        "workload_s": decision.candidate_s,
    }
    note("memory", 0.92)
    mem = run("memory", {"inputs": blobs}, 60.0 + 4 * calibration)
    if mem.ok:
        result.original.update(mem.result["original"])
        result.candidate.update(mem.result["candidate"])
    note("done", 1.0)
    return result


def _source_of(inputs: InputSet, index: int) -> str:
    bounds = [
        ("test", inputs.from_tests),
        ("doctest", inputs.from_doctest),
        ("explicit", inputs.from_explicit),
        ("generated", inputs.generated),
    ]
    for name, count in bounds:
        if index < count:
            return name
        index -= count
    return "captured"


def verify_file(
    sandbox: Sandbox, target: Target, candidate_path: str, **kwargs: object
) -> VerifyResult:
    from .errors import UserError

    try:
        with open(candidate_path, encoding="utf-8") as fh:
            source = fh.read()
    except OSError as exc:
        raise UserError(
            f"cannot read the candidate file {candidate_path}: {exc.strerror}"
        ) from None
    return verify(sandbox, target, source, **kwargs)  # type: ignore[arg-type]
