"""The paper's evaluation protocol (Du et al., 2025, Algorithm 1), the default of
`afterburner eval`.

Iteration 0 is the model's own solution to the problem statement (or the row's starting
solution with `from_solution`, and always for the rules backend, which writes nothing from
a statement). Each later iteration shows the model the best solution so far with its
measured figures (passed, time, memory, integral) and takes one completion; with
`feedback="latest"` it shows the latest one instead, as the paper's evaluation code does.
Every attempt is judged by the problem's tests and, when it passes, measured on the same
inputs as the references. A fix of failing code counts: pass@1 can rise.

Unlike the editor's loop (loop.py), nothing here asks for equivalence with a starting
solution: the tests decide, as in the paper.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from afterburner.sandbox import syntax
from afterburner.sandbox.errors import UserError
from afterburner.sandbox.lines import split_lines
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.target import find_function, node_source

from .backends.base import Backend, GenerationSettings
from .loop import RAW_LIMIT, LoopSettings, round_seed
from .parse import parse_completion
from .prompt import generation_prompt
from .train.data import improvement_prompt
from .train.workspace import module_text


@dataclass
class Attempt:
    """One iteration's solution and what the tests and the profiler said of it."""

    iteration: int
    module: str | None  # the solution module; None when the reply held no usable code
    passed: bool = False
    figures: dict = field(default_factory=dict)  # time, memory, integral (workspace.measure)
    reason: str | None = None
    raw: str | None = None  # what the backend wrote


Judge = Callable[[str], dict]  # module -> measure()'s record: passed, time, memory, ...


def better(a: Attempt, b: Attempt | None) -> bool:
    """Passing beats failing; between passing ones, the faster."""
    if b is None or a.passed != b.passed:
        return b is None or a.passed
    if not a.passed:
        return False
    return (a.figures.get("time") or math.inf) < (b.figures.get("time") or math.inf)


def target_source(module: str, qualname: str) -> str | None:
    """The target function's own source in the module, dedented (what a rule rewrites)."""
    try:
        node = find_function(syntax.parse(module), qualname)
    except (SyntaxError, ValueError):
        return None
    if node is None:
        return None
    return textwrap.dedent(node_source(split_lines(module), node))


def _module_of(row: dict, base: str, code: str, qualname: str) -> str:
    """A reply as a solution module: a whole new submission (it defines the class or function
    the target lives in) replaces the old one; a rewrite of the target alone is spliced in
    (UserError when it cannot be placed)."""
    head = qualname.split(".")[0]
    if any(getattr(n, "name", None) == head for n in syntax.parse(code).body):
        return module_text(row, code)
    return apply_rewrite(base, qualname, code)


def _attempt(iteration: int, module: str, judge: Judge, raw: str | None) -> Attempt:
    judged = judge(module)
    figures = {k: judged.get(k) for k in ("time", "memory", "integral")}
    return Attempt(iteration, module, bool(judged.get("passed")), figures,
                   judged.get("reason"), raw)  # fmt: skip


def _from_reply(
    iteration: int, row: dict, base: str, replies: list[str], judge: Judge, who: str
) -> Attempt:
    """The backend's reply made an attempt: parsed, made a module, judged."""
    raw = (replies[0] if replies else "")[:RAW_LIMIT]
    if not replies:
        return Attempt(iteration, None, reason=f"{who} proposed nothing", raw=raw)
    name = row["function_name"]
    parsed = parse_completion(raw, name.rsplit(".", 1)[-1])
    if parsed.code is None:
        return Attempt(iteration, None, reason=parsed.reason, raw=raw)
    try:
        module = _module_of(row, base, parsed.code, name)
    except UserError as exc:  # a rewrite that cannot be placed is no solution
        return Attempt(iteration, None, reason=str(exc), raw=raw)
    return _attempt(iteration, module, judge, raw)


def run_paper_protocol(
    backend: Backend,
    row: dict,
    iterations: int,
    judge: Judge,
    sampling: LoopSettings,
    feedback: str = "best",
    from_solution: bool = False,
) -> tuple[list[Attempt], list[Attempt]]:
    """(the attempt reported at each iteration 0..N: the best so far, or the latest with
    feedback="latest"; every attempt made)."""
    name = row["function_name"]
    gen = GenerationSettings(
        k=1,
        temperature=sampling.temperature,
        max_tokens=sampling.max_tokens,
        timeout_s=sampling.timeout_s,
    )
    start = module_text(row, row["starting_solution"])
    if from_solution or backend.name == "rules":
        first = _attempt(0, start, judge, None)
    else:
        prompt = generation_prompt(
            row.get("question_content") or "", row.get("code_prompt") or "", name
        )
        text = backend.generate([prompt], replace(gen, seed=round_seed(sampling.seed, 0)))[0]
        first = _from_reply(0, row, start, text, judge, backend.name)
    made, best, latest = [first], first, first
    reported = [first]
    for i in range(1, iterations + 1):
        # The latest attempt when asked, unless it held no code to show.
        base = best if feedback == "best" or latest.module is None else latest
        prompt = _improvement(row, base, name)
        if prompt is None:  # nothing to improve on: the model's first reply held no code
            attempt = Attempt(i, None, reason="no solution to improve on")
        else:
            text = backend.generate([prompt], replace(gen, seed=round_seed(sampling.seed, i)))[0]
            attempt = _from_reply(i, row, base.module, text, judge, backend.name)
        made.append(attempt)
        latest = attempt
        if better(attempt, best):
            best = attempt
        reported.append(best if feedback == "best" else latest)
    return reported, made


def _improvement(row: dict, base: Attempt, name: str):
    if base.module is None:
        return None
    source = target_source(base.module, name)
    if source is None:
        return None
    figures = {**base.figures, "passed": base.passed, "reason": base.reason}
    return improvement_prompt(row, source, figures)
