"""The fuzzing stage of a verification, between the two workers (see child/fuzz.py)."""

from __future__ import annotations

from typing import Any

from .channel import Channel, WorkerFailed
from .equality import Comparer
from .outcome import MalformedFrame, Outcome, outcome_difference
from .verdict import VerifyResult, VerifySettings, reject


def text(value: Any) -> str | None:
    return str(value)[:500] if value is not None else None


def fuzz_stage(
    orig: Channel,
    cand: Channel,
    s: VerifySettings,
    originals: list[Outcome],
    comparer: Comparer,
    r: VerifyResult,
) -> VerifyResult | None:
    """Hypothesis runs in the original's worker; each example it draws comes here, runs on
    the candidate's worker, and the comparison made here goes back as the test's result."""
    broken: list[str] = []

    def relay(question: Any) -> dict:
        if broken:
            return {"diff": broken[0]}
        try:
            expected = Outcome.from_frame(question["outcome"])
            limit = min(float(question["timeout"]), 60.0)
            cand.resume()
            got = Outcome.from_frame(
                cand.ask(
                    {"op": "call", "blob": question["blob"], "timeout": limit}, limit * 2 + 5.0
                )  # fmt: skip
            )
            cand.pause()
        except (WorkerFailed, MalformedFrame, KeyError, TypeError, ValueError) as exc:
            broken.append(f"the candidate broke its worker while fuzzing: {exc}")
            return {"diff": broken[0]}
        return {"diff": outcome_difference(expected, got, limit, comparer)}

    # A generated input that runs far longer than every real one is out of scope. Waiting
    # 0.5 s for each (or 20x the slowest real call) spent the whole budget on a handful of
    # them, and whether the counterexample came before that was luck.
    slowest = max(o.elapsed for o in originals)
    per_call = min(0.5, max(0.02, 3 * slowest))
    try:
        orig.resume()
        f = orig.ask(
            {
                "op": "fuzz",
                "max_examples": s.fuzz_examples,
                "budget_s": s.fuzz_budget_s,
                "per_call": per_call,
            },
            120.0 + 10 * s.fuzz_budget_s,
            on_ask=relay,
        )
        orig.pause()
    except WorkerFailed as exc:
        return reject(r, "fuzz", f"fuzzing failed in the original's worker: {exc}")
    c = r.checked
    c.fuzz_examples, c.fuzz_skipped = int(f.get("ran", 0)), text(f.get("skipped"))
    c.fuzz_edge_cases, c.fuzz_strategy = int(f.get("edge_cases", 0)), text(f.get("strategy"))
    if broken:
        return reject(r, "fuzz", broken[0], f.get("counterexample"))
    if f.get("reason"):
        return reject(
            r, "fuzz", f"differs on a generated input: {f['reason']}", f.get("counterexample")
        )
    return None
