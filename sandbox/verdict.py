"""The verifier's settings and its answer: one record from the sandbox to the editor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from . import stats

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
    float_tolerance: float = 0.0  # relative; 0 compares floats exactly
    # "values": the candidate must do what the original does on every input (the default).
    # "tests": the workspace's tests decide, all of them, whatever the original does: for
    # problems whose evaluator accepts several answers (Venus rows), and originals that
    # fail their own tests (a fix is then a pass).
    equivalence: str = "values"


WEAK_BELOW_INPUTS = 10  # fewer distinct inputs than this, and
WEAK_BELOW_FUZZED = 20  # fewer generated examples than this: the evidence is weak


@dataclass
class Checked:
    """What an accepted candidate was checked on: the evidence behind `equivalent`."""

    inputs: dict[str, int] = field(default_factory=dict)  # distinct inputs by source
    tests_run: int = 0  # workspace tests run with the candidate patched in
    fuzz_examples: int = 0  # generated examples run on both sides (edge cases included)
    fuzz_edge_cases: int = 0
    fuzz_strategy: str | None = None  # "type hints" or the captured inputs' shapes
    fuzz_skipped: str | None = None  # why fuzzing did not run

    def strength(self) -> tuple[str, str]:
        """("strong" | "weak", what was checked, in words)."""
        total = sum(self.inputs.values())
        parts = [", ".join(f"{n} {k}" for k, n in self.inputs.items() if n) + " inputs"]
        if self.tests_run:
            parts.append(f"{self.tests_run} workspace test{'s' if self.tests_run > 1 else ''}")
        if self.fuzz_examples:
            parts.append(
                f"{self.fuzz_examples} fuzzed examples ({self.fuzz_edge_cases} edge cases first, "
                f"then drawn from {self.fuzz_strategy})"
            )
        checked = ", ".join(parts)
        if total < WEAK_BELOW_INPUTS and self.fuzz_examples < WEAK_BELOW_FUZZED:
            why = f"; no fuzzing: {self.fuzz_skipped}" if self.fuzz_skipped else ""
            return "weak", f"verified on {checked} only{why}"
        return "strong", f"verified on {checked}"


@dataclass
class VerifyResult:
    target: str
    equivalent: bool
    reason: str | None = None
    stage: str | None = None  # where a rejection happened
    counterexample: str | None = None
    inputs: dict = field(default_factory=dict)
    checked: Checked = field(default_factory=Checked)
    evidence: str | None = None  # "strong" or "weak", once equivalent
    evidence_note: str | None = None  # e.g. "verified on 5 test inputs only; no fuzzing: ..."
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

    def accept(self) -> None:
        """Equivalent, with the strength of the evidence said."""
        self.equivalent = True
        self.evidence, self.evidence_note = self.checked.strength()

    @property
    def faster(self) -> bool:
        return self.equivalent and self.verdict == stats.FASTER


def reject(
    result: VerifyResult, stage: str, reason: str, counterexample: str | None = None
) -> VerifyResult:
    result.equivalent, result.stage, result.reason = False, stage, reason
    result.counterexample = counterexample
    return result
