"""The paper's evaluation protocol: iteration 0 is the model's own solution to the
statement, each later iteration shows it the best so far with its figures, the problem's
tests decide, and a fix counts (pass@1 rises)."""

from __future__ import annotations

import pytest

from afterburner.model.evaluate import Protocol, evaluate_problem
from afterburner.model.loop import LoopSettings
from afterburner.model.protocol import Attempt, better, target_source
from afterburner.model.train.venus import to_problem
from tests.fixtures.venus.rows import PAIRS, PAIRS_FAST, PAIRS_WRONG

SLOW = PAIRS["solutions"][0]["code"]


class Scripted:
    """A backend that answers from a script and keeps every prompt it was given."""

    name = "scripted"

    def __init__(self, replies: list[str]) -> None:
        self.replies, self.prompts, self.seeds = list(replies), [], []

    def generate(self, prompts, settings):
        self.prompts.append(prompts[0].messages[-1]["content"])
        self.seeds.append(settings.seed)
        return [[self.replies.pop(0)]]

    def close(self) -> None:
        pass


def fenced(code: str) -> str:
    return f"Here is my solution:\n```python\n{code}```\nExample usage:\n```python\nprint(1)\n```"


def test_better_prefers_passing_then_faster():
    fails = Attempt(0, "m", passed=False)
    slow = Attempt(1, "m", passed=True, figures={"time": 2.0})
    fast = Attempt(2, "m", passed=True, figures={"time": 1.0})
    assert better(fails, None) and better(slow, fails) and better(fast, slow)
    assert not better(slow, fast) and not better(fails, slow)


def test_target_source_is_the_method_alone():
    module = "import math\n\nclass Solution:\n    def f(self, x):\n        return x\n"
    assert target_source(module, "Solution.f") == "def f(self, x):\n    return x\n"


@pytest.mark.slow
@pytest.mark.parametrize("feedback", ["best", "latest"])
def test_a_fix_counts_and_the_best_is_shown_back(sandbox, feedback):
    row = to_problem(PAIRS)
    backend = Scripted([fenced(PAIRS_WRONG), fenced(SLOW), fenced(PAIRS_FAST), "I give up."])
    record = evaluate_problem(
        backend, row, 3, sandbox, budget_s=0.2, sampling=LoopSettings(seed=7),
        protocol=Protocol("paper", feedback),
    )  # fmt: skip
    passes = [e["pass@1"] for e in record["per_iteration"]]
    statuses = [c["status"] for c in record["candidates"]]
    assert statuses == ["failed", "passed", "passed", "failed"], record["candidates"]
    assert "test_case" in record["candidates"][0]["reason"]
    # Iteration 0 was asked from the statement and the starter code, not from a solution.
    assert "Pairs Summing to K" not in backend.prompts[0]
    assert "Return every pair of indices" in backend.prompts[0]
    assert "def pairs(self, nums: List[int], k: int)" in backend.prompts[0]
    # Iteration 1 was shown the failing solution, said to fail; iteration 2 the passing one.
    assert "Passed: no (" in backend.prompts[1] and "[:1]" in backend.prompts[1]
    assert "Passed: all tests" in backend.prompts[2] and "for j in range" in backend.prompts[2]
    assert len(set(backend.seeds)) == 4  # a seed of its own per iteration
    its = record["per_iteration"]
    assert its[2]["time"] < its[1]["time"] / 3  # O(n) against O(n^2) on 300 numbers
    assert its[2]["time%"] >= its[1]["time%"]
    if feedback == "best":
        assert passes == [0.0, 100.0, 100.0, 100.0]
        assert its[3]["time"] == its[2]["time"]  # the fast one still stands
    else:  # the latest attempt is what stands, so the final non-answer fails
        assert passes == [0.0, 100.0, 100.0, 0.0]
        assert "pairs" in backend.prompts[3]  # shown the latest, the fast solution
