"""Differential fuzzing, driven from the original's worker: Hypothesis draws arguments from
the type hints, or, without them, from the shapes of the captured inputs (shapes.py), after
the edge cases of each parameter; the original runs here, and each example goes to the
parent, which runs it on the candidate's worker and compares the two outcomes. A difference
is raised back into Hypothesis, which shrinks it to a small counterexample through more
such round trips."""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from typing import Any

from . import shapes
from .calls import call, describe_input
from .sources import NO_HYPOTHESIS, split_call, strategies_for


class Mismatch(AssertionError):
    pass


def _hide_own_modules() -> None:
    """Hypothesis also draws constants it finds in the code loaded beside the test ("local"
    modules: outside site-packages and the standard library). In a worker that included
    this package (its read-only copy is outside site-packages): hundreds of this package's
    numbers and strings diluted the user's, and a counterexample found after 13 examples
    in a plain interpreter took 126 here. Marked as seen, they are never scanned."""
    import sys

    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        return
    seen = getattr(providers, "_seen_modules", None)
    if isinstance(seen, set):
        seen.update(id(m) for n, m in list(sys.modules.items()) if n.startswith("afterburner"))


def plan(original: Any, owner: Any, blobs: list[bytes]) -> tuple[dict | None, str]:
    """The strategies and where they come from, or (None, why there are none)."""
    strategies, why = strategies_for(original, owner)
    shaped, shape_why = shapes.strategies(original, blobs)
    if strategies is not None and not set(strategies) - {"self", "cls"}:
        strategies, why = None, "no parameter has a type hint"  # self, *args, **kwargs
    if strategies is not None:
        if shaped is None:
            return strategies, "type hints"
        from hypothesis import strategies as st

        # Values like the real ones find what the types alone rarely draw.
        mixed = {k: st.one_of(v, shaped[k]) if k in shaped else v for k, v in strategies.items()}
        mixed.update({k: v for k, v in shaped.items() if k not in strategies})  # *args
        if "self" in shaped:  # real instances: from_type cannot build most classes
            mixed["self"] = shaped["self"]
        return mixed, f"type hints and the shapes of {len(blobs)} captured inputs"
    if shaped is None:
        return None, f"{why}, and {shape_why}"
    return shaped, f"the types and shapes of {len(blobs)} captured inputs"


def drive(
    original: Any, owner: Any, blobs: list[bytes], op: dict, ask: Callable[[dict], dict]
) -> dict:
    try:
        import hypothesis  # noqa: F401 - the user's interpreter may not have it
    except ImportError:
        return {"ran": 0, "skipped": NO_HYPOTHESIS, "counterexample": None, "reason": None}
    _hide_own_modules()
    strategies, source = plan(original, owner, blobs)
    if strategies is None:
        return {"ran": 0, "skipped": source, "counterexample": None, "reason": None}
    edges = shapes.edge_examples(original, blobs)
    state, stopped = _run(original, strategies, edges, op, ask)
    if stopped is not None and "type hints" in source:
        # A hint Hypothesis cannot build (`Any`, a class it cannot resolve): the captured
        # inputs' shapes alone.
        shaped, _ = shapes.strategies(original, blobs)
        if shaped is not None:
            source = f"the types and shapes of {len(blobs)} captured inputs (the type hints "
            source += f"could not be drawn from: {type(stopped).__name__})"
            state, stopped = _run(original, shaped, edges, op, ask)
    result = {"ran": state["ran"], "skipped": None, "counterexample": None, "reason": None,
              "strategy": source, "edge_cases": len(edges)}  # fmt: skip
    if stopped is not None:
        result["skipped"] = f"fuzzing stopped: {type(stopped).__name__}"
    elif state["last"]:
        result["counterexample"], result["reason"] = state["last"]
    return result


def _run(
    original: Any, strategies: dict, edges: list[dict], op: dict, ask: Callable[[dict], dict]
) -> tuple[dict, Exception | None]:
    """One Hypothesis run: what it saw, and what stopped it before any difference."""
    from hypothesis import HealthCheck, example, given, reject, settings
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
        if orig.out_of_scope or orig.exc_type == "TypeError":
            # The original's own limits, or a drawn value of a type it does not take (a
            # None among ints, from the captured inputs' shapes): not in its domain, so not
            # a question about the candidate.
            reject()
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

    for values in reversed(edges):  # run first, in order, before anything random
        check = example(values)(check)
    try:
        check()
    except Mismatch:
        pass
    except Exception as exc:  # Flaky, Unsatisfiable, InvalidArgument: keep what we saw
        if state["last"] is None:
            return state, exc
    return state, None
