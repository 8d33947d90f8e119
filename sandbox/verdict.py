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


def reject(
    result: VerifyResult, stage: str, reason: str, counterexample: str | None = None
) -> VerifyResult:
    result.equivalent, result.stage, result.reason = False, stage, reason
    result.counterexample = counterexample
    return result


