"""Differential fuzzing, driven from the original's worker: Hypothesis draws arguments from
the type hints, the original runs here, and each example goes to the parent, which runs it
on the candidate's worker and compares the two outcomes. A difference is raised back into
Hypothesis, which shrinks it to a small counterexample through more such round trips."""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from typing import Any

from .calls import call, describe_input
from .sources import split_call, strategies_for


class Mismatch(AssertionError):
    pass


def drive(original: Any, owner: Any, op: dict, ask: Callable[[dict], dict]) -> dict:
    strategies, why = strategies_for(original, owner)
    if strategies is None:
        return {"ran": 0, "skipped": why, "counterexample": None, "reason": None}
    from hypothesis import HealthCheck, given, reject, settings
    from hypothesis import strategies as st

    budget_s, per_call = op["budget_s"], op["per_call"]
    deadline = time.monotonic() + budget_s
    shrink_deadline = deadline + max(2.0, budget_s)
    state: dict[str, Any] = {"ran": 0, "last": None}

    @settings(
        max_examples=op["max_examples"],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(st.fixed_dictionaries(strategies))
    def check(values: dict) -> None:
        if time.monotonic() > (shrink_deadline if state["last"] else deadline):
            return  # out of budget: let Hypothesis finish quickly
        args, kwargs = split_call(original, values)
        try:
            blob = pickle.dumps((args, kwargs), protocol=5)  # before the call can mutate them
        except Exception:
            reject()
        shown = describe_input(args, kwargs)
        orig = call(original, *pickle.loads(blob), timeout=per_call)
        if orig.out_of_scope:
            reject()  # the original's own limits: not a question about the candidate
        state["ran"] += 1
        from .serve import encode_outcome

        answer = ask(
            {
                "blob": blob,
                "outcome": encode_outcome(orig),
                "timeout": max(1.0, 20 * orig.elapsed + 0.05),
            }
        )
        diff = answer.get("diff")
        if diff:
            state["last"] = (shown, diff)
            raise Mismatch(diff)

    try:
        check()
    except Mismatch:
        pass
    except Exception as exc:  # Flaky, Unsatisfiable, ... keep what we saw
        if state["last"] is None:
            return {
                "ran": state["ran"],
                "skipped": f"fuzzing stopped: {type(exc).__name__}",
                "counterexample": None,
                "reason": None,
            }
    shown, diff = state["last"] or (None, None)
    return {"ran": state["ran"], "skipped": None, "counterexample": shown, "reason": diff}
