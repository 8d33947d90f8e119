"""Profile a function on its inputs: per-call runtime distribution, memory, hot lines and an
empirical growth estimate. Feeds the hover, the on-save hints and the model's prompt."""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field

from . import stats
from .channel import WorkerFailed
from .errors import UserError
from .inputs import InputSet, collect_inputs, worker_paths, worker_payload
from .lines import split_lines, strip_break
from .outcome import MalformedFrame, Outcome
from .target import Target, load_function
from .worker import Limits, Sandbox


@dataclass
class ProfileResult:
    target: str
    source_hash: str
    inputs: dict
    per_call: dict  # median_s, p90_s, p99_s, min_s, max_s, n
    memory: dict
    hot_lines: list[dict] = field(default_factory=list)  # line, share, hits, text
    complexity: dict | None = None
    isolation: dict = field(default_factory=dict)
    wall_s: float = 0.0
    # per parameter, the type its inputs showed, as a hint ("list[int]"): evidence for rules
    observed_types: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def profile(
    sandbox: Sandbox,
    target: Target,
    inputs: InputSet | None = None,
    budget_s: float = 2.0,
    cancel: threading.Event | None = None,
) -> ProfileResult:
    started = time.monotonic()
    info = load_function(target)
    if inputs is None:
        inputs = collect_inputs(sandbox, target, cancel=cancel)
    paths = worker_paths(target)
    base = worker_payload(target, inputs=inputs)
    try:
        with sandbox.session(base, Limits(wall_s=3600.0), cancel, keep=paths["keep"]) as w:
            w.ask({"op": "load", "role": "original", "inputs": inputs.blobs}, 300.0)
            checked = w.ask(
                {
                    "op": "outcomes",
                    "indices": list(range(inputs.total)),
                    "timeouts": [30.0] * inputs.total,
                    "hints": True,
                },
                60.0 + 31 * inputs.total,
            )
            outcomes = [Outcome.from_frame(f) for f in checked["outcomes"]]
            mutates = any(bool(m) for m in checked["mutated"])
            lazy = bool(checked["lazy"])
            observed = {str(k): str(v)[:200] for k, v in dict(checked.get("hints") or {}).items()}
    except (WorkerFailed, MalformedFrame, KeyError, TypeError) as exc:
        raise UserError(f"running {target.spec} on its inputs failed: {exc}") from None
    scope = [i for i, o in enumerate(outcomes) if not o.out_of_scope]
    blobs = [inputs.blobs[i] for i in scope]
    if not blobs:
        raise UserError(f"{target.spec} times out or hits the recursion limit on every input")
    times = [o.elapsed for o in outcomes]
    wall = 60.0 + 3 * budget_s + 20 * sum(times) + 40 * max(times)
    outcome = sandbox.run(
        "profile",
        {
            **base,
            "inputs": blobs,
            "budget_s": budget_s,
            "mutates": mutates,
            "lazy": lazy,
        },
        Limits(wall_s=wall),
        cancel,
        keep=paths["keep"],
    )
    if not outcome.ok:
        raise UserError(f"profiling {target.spec} failed: {outcome.failure}")
    r = outcome.result
    times = r["times"]
    lines = [strip_break(line) for line in split_lines(target.source())]
    hot = sorted(
        (
            {
                "line": int(k),
                "share": round(v[0], 4),
                "hits": int(v[1]),
                "text": lines[int(k) - 1].strip() if 0 < int(k) <= len(lines) else "",
            }
            for k, v in r["lines"].items()
        ),
        key=lambda h: -h["share"],
    )
    summary = inputs.summary()
    summary["out_of_scope"] = len(outcomes) - len(scope)
    return ProfileResult(
        target=target.spec,
        source_hash=info.source_hash,
        inputs=summary,
        per_call={
            "median_s": stats.percentile(times, 50),
            "p90_s": stats.percentile(times, 90),
            "p99_s": stats.percentile(times, 99),
            "min_s": min(times),
            "max_s": max(times),
            "total_s": sum(times),  # one call on each input: the whole workload
            "n": len(times),
        },
        memory=r["memory"],
        hot_lines=hot[:10],
        complexity=r["scaling"],
        isolation=outcome.isolation,
        wall_s=round(time.monotonic() - started, 3),
        observed_types=observed,
    )
