"""Differential fuzzing: Hypothesis draws arguments from the type hints, both functions run,
any difference is shrunk to a small counterexample."""

from __future__ import annotations

import copy
import time
from typing import Any

from .calls import call, describe_input, outcome_difference
from .sources import split_call, strategies_for


class Mismatch(AssertionError):
    pass


def differential(
    original: Any, candidate: Any, owner: Any, max_examples: int, budget_s: float, per_call: float
) -> dict:
    strategies, why = strategies_for(original, owner)
    if strategies is None:
        return {"ran": 0, "skipped": why, "counterexample": None, "reason": None}
    from hypothesis import HealthCheck, given, reject, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + budget_s
    shrink_deadline = deadline + max(2.0, budget_s)
    state: dict[str, Any] = {"ran": 0, "last": None}

    @settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(st.fixed_dictionaries(strategies))
    def check(values: dict) -> None:
        now = time.monotonic()
        if now > (shrink_deadline if state["last"] else deadline):
            return  # out of budget: let Hypothesis finish quickly
        args, kwargs = split_call(original, values)
        shown = describe_input(args, kwargs)
        try:
            a_args, a_kwargs = copy.deepcopy((args, kwargs))
            b_args, b_kwargs = copy.deepcopy((args, kwargs))
        except Exception:
            reject()
        orig = call(original, a_args, a_kwargs, timeout=per_call)
        if orig.out_of_scope:
            reject()  # the original's own limits: not a question about the candidate
        state["ran"] += 1
        cand = call(candidate, b_args, b_kwargs, timeout=max(1.0, 20 * orig.elapsed + 0.05))
        diff = outcome_difference(orig, cand)
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
    if state["last"]:
        shown, diff = state["last"]
        return {"ran": state["ran"], "skipped": None, "counterexample": shown, "reason": diff}
    return {"ran": state["ran"], "skipped": None, "counterexample": None, "reason": None}
