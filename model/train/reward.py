"""The GRPO reward, after the Afterburner paper: 0.5 x improvement + 0.2 x format.

improvement = a correctness transition + (pass->pass only) 0.5 x efficiency.

Transitions, original -> candidate (the four values the paper lists, assigned by what each
transition is worth):

    fail -> pass   +1.0   the candidate fixes a broken original: the best outcome
    pass -> pass   +0.5   kept correct; the efficiency term is added on top
    fail -> fail   -0.5   still broken
    pass -> fail   -1.0   broke a correct original: the worst outcome

When the original fails its tests, the candidate "passes" when it passes the problem's
tests (equivalence to a broken original would reward keeping the bug). The efficiency term
applies only to pass -> pass (a failing original has no meaningful time to beat), and only
when the speedup's 95% interval excludes 1 (a difference the timing cannot tell from noise
earns nothing either way): tanh(log2(original_time / candidate_time) / 3), so twice as fast
earns 0.32, 8x 0.76 and 64x 0.96, twice as slow -0.32. The paper's tanh of the relative gain
saturates by 3x, where a micro-optimisation and an O(n^2) -> O(n) rewrite look alike. A
pass -> pass reward lies in (0.5 - 0.5, 0.5 + 0.5) and never exceeds a fix. Unknown or
non-positive times give no efficiency term. The format term is 1 when the reply is exactly
`<thinking>...</thinking><solution>...</solution>` (`parse.has_paper_format`), else 0.

So every reward lies in [-0.5, 0.7].
"""

from __future__ import annotations

import logging
import math
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

# Sandbox modules are imported here, in the main thread: they install a signal handler at
# import time, which Python allows only there (scoring runs in worker threads).
from afterburner.sandbox.errors import UserError
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.verify import VerifySettings, verify

from ..parse import parse_completion
from .workspace import module_text, passes_tests, target_in, write_workspace

log = logging.getLogger("afterburner.reward")

IMPROVEMENT_WEIGHT = 0.5
FORMAT_WEIGHT = 0.2
EFFICIENCY_WEIGHT = 0.5
TRANSITIONS = {
    (False, True): 1.0,
    (True, True): 0.5,
    (False, False): -0.5,
    (True, False): -1.0,
}
MIN_REWARD = IMPROVEMENT_WEIGHT * min(TRANSITIONS.values())
MAX_REWARD = IMPROVEMENT_WEIGHT * max(TRANSITIONS.values()) + FORMAT_WEIGHT


EFFICIENCY_SCALE = 3.0  # log2 units: 8x faster is tanh(1)


def efficiency(
    original_time: float | None,
    candidate_time: float | None,
    ci95: Sequence[float] | None = None,
) -> float:
    """tanh(log2(original / candidate) / 3), in (-1, 1); 0 when a time is unknown or the
    interval of the speedup (when given) holds 1."""
    try:
        o, c = float(original_time), float(candidate_time)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    if not (math.isfinite(o) and math.isfinite(c)) or o <= 0 or c <= 0:
        return 0.0
    if ci95 is not None and len(ci95) == 2 and ci95[0] <= 1.0 <= ci95[1]:
        return 0.0
    return math.tanh(math.log2(o / c) / EFFICIENCY_SCALE)


def improvement(
    original_passed: bool,
    candidate_passed: bool,
    original_time: float | None = None,
    candidate_time: float | None = None,
    ci95: Sequence[float] | None = None,
) -> float:
    value = TRANSITIONS[(bool(original_passed), bool(candidate_passed))]
    if original_passed and candidate_passed:
        value += EFFICIENCY_WEIGHT * efficiency(original_time, candidate_time, ci95)
    return value


def reward(
    original_passed: bool,
    candidate_passed: bool,
    original_time: float | None,
    candidate_time: float | None,
    well_formatted: bool,
    ci95: Sequence[float] | None = None,
) -> float:
    """0.5 x improvement + 0.2 x format; see the module docstring."""
    return IMPROVEMENT_WEIGHT * improvement(
        original_passed, candidate_passed, original_time, candidate_time, ci95
    ) + FORMAT_WEIGHT * (1.0 if well_formatted else 0.0)


# -- through the sandbox ---------------------------------------------------------------------


@dataclass
class Outcome:
    """What the sandbox found for one completion."""

    reward: float
    passed: bool
    well_formatted: bool
    original_time: float | None = None
    candidate_time: float | None = None
    reason: str | None = None


def fast_verify_settings():
    """Verification settings for training: the full equivalence check (inputs and the
    problem's tests) with a short fuzz and a short timing budget."""
    return VerifySettings(
        budget_s=0.3, workers=1, min_pairs=4, max_budget_s=3.0, fuzz_examples=30, fuzz_budget_s=0.5
    )


def completion_text(completion) -> str:
    """TRL passes plain strings, or for chat data a list of messages."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list):
        return "".join(m.get("content", "") if isinstance(m, dict) else str(m) for m in completion)
    if isinstance(completion, dict):
        return str(completion.get("content", ""))
    return str(completion or "")


class _ProblemWorkspace:
    """The original solution of one problem written out once, its inputs collected once."""

    def __init__(self, problem: dict, sandbox, base: Path) -> None:
        self.problem = problem
        self.original = problem_original(problem)
        root = write_workspace(
            module_text(problem, self.original), problem["tests"], base / _slug(problem)
        )
        self.target = target_in(root, problem["function_name"])
        self._sandbox = sandbox
        self._lock = threading.Lock()
        self._inputs = None
        self._error: str | None = None

    def inputs(self):
        with self._lock:
            if self._inputs is None and self._error is None:
                try:
                    self._inputs = collect_inputs(self._sandbox, self.target, generate=0)
                except UserError as exc:
                    self._error = str(exc)
            return self._inputs, self._error

    @property
    def original_passed(self) -> bool:
        if "original_passed" in self.problem:
            return bool(self.problem["original_passed"])
        inputs, error = self.inputs()
        return error is None and not inputs.failing_tests


def problem_original(problem: dict) -> str:
    """The solution a completion is compared with: `original` when the row has one (GRPO rows
    built by `data.grpo_rows`), else the starting solution."""
    return problem.get("original") or problem["starting_solution"]


def _slug(problem: dict) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in str(problem.get("problem_id", "p")))


def score_completion(text: str, ws: _ProblemWorkspace, sandbox, settings=None) -> Outcome:
    parsed = parse_completion(text, ws.problem["function_name"])
    original_passed = ws.original_passed
    if parsed.code is None:
        return Outcome(
            reward(original_passed, False, None, None, parsed.well_formatted),
            False,
            parsed.well_formatted,
            reason=parsed.reason,
        )
    if not original_passed:
        # Equivalence to a broken original would pay for keeping its bug: the problem's
        # tests decide instead, so a fix earns fail -> pass.
        try:
            module = apply_rewrite(
                module_text(ws.problem, ws.original), ws.target.qualname, parsed.code
            )
        except UserError as exc:  # a rewrite that cannot be placed passes nothing
            ok, why = False, str(exc)
        else:
            ok, why = passes_tests(sandbox, module, ws.problem["tests"], ws.target.qualname)
        return Outcome(
            reward(False, ok, None, None, parsed.well_formatted),
            ok,
            parsed.well_formatted,
            reason=why,
        )
    inputs, error = ws.inputs()
    if error is not None:
        return Outcome(
            reward(original_passed, False, None, None, parsed.well_formatted),
            False,
            parsed.well_formatted,
            reason=error,
        )
    try:
        r = verify(
            sandbox,
            ws.target,
            parsed.code,
            inputs=inputs,
            settings=replace(
                settings or fast_verify_settings(),
                equivalence=ws.problem.get("equivalence") or "values",
            ),
        )
    except UserError as exc:
        return Outcome(
            reward(original_passed, False, None, None, parsed.well_formatted),
            False,
            parsed.well_formatted,
            reason=str(exc),
        )
    if not r.equivalent:
        return Outcome(
            reward(original_passed, False, None, None, parsed.well_formatted),
            False,
            parsed.well_formatted,
            reason=r.reason,
        )
    # Workload time of the same interleaved timing run: the fairest pair of numbers.
    o = r.original.get("workload_s") or r.original.get("median_s")
    c = r.candidate.get("workload_s") or r.candidate.get("median_s")
    return Outcome(
        reward(original_passed, True, o, c, parsed.well_formatted, r.ci95),
        True,
        parsed.well_formatted,
        o,
        c,
    )


def sandbox_outcomes(
    completions: Sequence,
    problems: Sequence[dict],
    sandbox,
    max_workers: int = 4,
    settings=None,
) -> list[Outcome]:
    """Score completion i against problems[i], in parallel threads (each verification runs
    sandboxed worker processes). A problem row needs `function_name`, `tests` and
    `starting_solution` (or `original`)."""
    if len(completions) != len(problems):
        raise ValueError(f"{len(completions)} completions for {len(problems)} problems")
    if not completions:
        return []
    with tempfile.TemporaryDirectory(prefix="afterburner-reward-") as tmp:
        spaces: dict[int, _ProblemWorkspace] = {}
        by_key: dict[tuple, _ProblemWorkspace] = {}
        for i, problem in enumerate(problems):
            key = (str(problem.get("problem_id")), problem_original(problem))
            if key not in by_key:
                by_key[key] = _ProblemWorkspace(problem, sandbox, Path(tmp) / str(len(by_key)))
            spaces[i] = by_key[key]
        with ThreadPoolExecutor(max_workers=max(1, max_workers)) as pool:
            futures = [
                pool.submit(score_completion, completion_text(c), spaces[i], sandbox, settings)
                for i, c in enumerate(completions)
            ]
            return [f.result() for f in futures]


def report_batch(outcomes: Sequence[Outcome]) -> None:
    """Log each reward's parts, and warn when a batch cannot teach anything: GRPO learns from
    the differences between a prompt's rewards, so equal rewards give zero gradient."""
    for o in outcomes:
        log.info(
            "reward %.3f: %s, %s%s", o.reward, "passed" if o.passed else "failed",
            "formatted" if o.well_formatted else "unformatted",
            f", {o.original_time / o.candidate_time:.2f}x" if o.passed and o.original_time
            and o.candidate_time else f" ({o.reason})" if o.reason else "",
        )  # fmt: skip
    rewards = {round(o.reward, 9) for o in outcomes}
    if len(outcomes) > 1 and len(rewards) == 1:
        reasons = sorted({o.reason for o in outcomes if o.reason})[:3]
        log.warning(
            "every reward of this batch is %.3f: no spread, so no learning signal (%s)",
            outcomes[0].reward, "; ".join(reasons) or "all completions alike",
        )  # fmt: skip


def sandbox_rewards(
    completions: Sequence,
    problems: Sequence[dict],
    sandbox,
    max_workers: int = 4,
    settings=None,
) -> list[float]:
    """The reward of each completion against its problem, through the sandbox."""
    return [
        o.reward for o in sandbox_outcomes(completions, problems, sandbox, max_workers, settings)
    ]
