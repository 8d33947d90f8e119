"""The GRPO reward: the four correctness transitions, the bounded efficiency term, the format
term, and scoring real completions through the sandbox."""

from __future__ import annotations

import math

import pytest

from afterburner.model.train.reward import (
    MAX_REWARD,
    MIN_REWARD,
    efficiency,
    reward,
    sandbox_outcomes,
    sandbox_rewards,
)


def test_transitions_without_efficiency_or_format():
    assert reward(False, True, None, None, False) == pytest.approx(0.5 * 1.0)
    assert reward(True, True, 1.0, 1.0, False) == pytest.approx(0.5 * 0.5)
    assert reward(False, False, None, None, False) == pytest.approx(0.5 * -0.5)
    assert reward(True, False, 1.0, None, False) == pytest.approx(0.5 * -1.0)


def test_transition_order():
    fix = reward(False, True, None, None, False)
    keep = reward(True, True, 1.0, 1.0, False)
    still_broken = reward(False, False, None, None, False)
    broke = reward(True, False, None, None, False)
    assert fix > keep > still_broken > broke


def test_efficiency_only_on_pass_to_pass():
    # twice as fast: tanh(log2(2) / 3) x 0.5 added to the improvement
    assert reward(True, True, 2.0, 1.0, False) == pytest.approx(
        0.5 * (0.5 + 0.5 * math.tanh(1 / 3))
    )
    assert reward(True, True, 1.0, 2.0, False) < reward(True, True, 1.0, 1.0, False)
    # times are ignored when either side failed
    assert reward(False, True, 100.0, 1.0, False) == reward(False, True, None, None, False)
    assert reward(True, False, 100.0, 1.0, False) == reward(True, False, None, None, False)


def test_efficiency_keeps_separating_large_speedups():
    # A micro-optimisation, a big win and an algorithmic one earn clearly different rewards;
    # the paper's tanh(gain) gave 0.20, 0.9999 and 1.0: all alike past 3x.
    small, big, huge = efficiency(1.2, 1.0), efficiency(8.0, 1.0), efficiency(100.0, 1.0)
    assert small == pytest.approx(math.tanh(math.log2(1.2) / 3))
    assert 0 < small < 0.1 < 0.7 < big < 0.8 < 0.9 < huge < 1.0
    assert huge - big > 0.15
    assert efficiency(1.0, 2.0) == pytest.approx(-efficiency(2.0, 1.0))


def test_efficiency_counts_only_when_the_interval_excludes_one():
    assert efficiency(1.3, 1.0, ci95=[0.95, 1.6]) == 0.0
    assert efficiency(1.3, 1.0, ci95=[1.1, 1.6]) == pytest.approx(efficiency(1.3, 1.0))
    assert reward(True, True, 1.3, 1.0, False, [0.9, 1.5]) == reward(True, True, 1, 1, False)


def test_efficiency_is_bounded_and_safe():
    assert efficiency(1e9, 1e-9) <= 1.0
    assert -1.0 < efficiency(1.0, 100.0) < -0.9  # 100x slower: tanh(-2.2)
    assert efficiency(1e-9, 1e9) >= -1.0
    assert efficiency(1.0, 1.0) == 0.0
    for bad in (None, 0.0, -1.0, float("nan"), float("inf"), "x"):
        assert efficiency(bad, 1.0) == 0.0
        assert efficiency(1.0, bad) == 0.0
    huge = reward(True, True, 1e9, 1e-9, True)
    assert huge <= MAX_REWARD and huge == pytest.approx(0.5 * 1.0 + 0.2)
    assert reward(True, True, 1e-9, 1e9, False) > reward(False, False, None, None, False)


def test_format_term():
    for transition in [(False, True), (True, True), (False, False), (True, False)]:
        plain = reward(*transition, 1.0, 1.0, False)
        formatted = reward(*transition, 1.0, 1.0, True)
        assert formatted - plain == pytest.approx(0.2)


def test_range():
    values = [
        reward(o, c, t0, t1, f)
        for o in (False, True)
        for c in (False, True)
        for t0, t1 in ((1.0, 1.0), (1e6, 1e-6), (1e-6, 1e6))
        for f in (False, True)
    ]
    assert min(values) == pytest.approx(MIN_REWARD) == pytest.approx(-0.5)
    assert max(values) <= MAX_REWARD == pytest.approx(0.7)


PROBLEM = {
    "problem_id": "t-1",
    "function_name": "dedupe",
    "tests": (
        "from solution import dedupe\n\n\n"
        "def test_dedupe():\n"
        "    assert dedupe([3, 1, 3, 2, 1]) == [3, 1, 2]\n"
        "    assert dedupe([(i * 7) % 300 for i in range(900)])[:3] == [0, 7, 14]\n"
    ),
    "starting_solution": (
        "def dedupe(items: list[int]) -> list[int]:\n"
        "    out = []\n"
        "    for x in items:\n"
        "        if x not in out:\n"
        "            out.append(x)\n"
        "    return out\n"
    ),
}

FAST = (
    "<thinking>A dict keeps insertion order and tests membership in O(1).</thinking>\n"
    "<solution>\n```python\n"
    "def dedupe(items: list[int]) -> list[int]:\n"
    "    return list(dict.fromkeys(items))\n"
    "```\n</solution>"
)
WRONG = "```python\ndef dedupe(items: list[int]) -> list[int]:\n    return sorted(set(items))\n```"


@pytest.mark.slow
def test_sandbox_rewards_through_the_sandbox(sandbox):
    completions = [FAST, WRONG, "no code here", [{"role": "assistant", "content": FAST}]]
    outcomes = sandbox_outcomes(completions, [PROBLEM] * 4, sandbox, max_workers=4)
    fast, wrong, garbage, chat = outcomes
    assert fast.passed and fast.well_formatted, fast.reason
    assert fast.candidate_time < fast.original_time
    assert fast.reward > 0.5 * 0.5 + 0.2  # pass -> pass, faster, formatted
    assert not wrong.passed and wrong.reward == pytest.approx(-0.5)
    assert not garbage.passed and garbage.reward == pytest.approx(-0.5)
    assert chat.passed
    assert sandbox_rewards([], [], sandbox) == []


BROKEN = {
    **PROBLEM,
    "problem_id": "t-2",
    # Drops the first element: fails the problem's tests.
    "starting_solution": (
        "def dedupe(items: list[int]) -> list[int]:\n"
        "    out = []\n"
        "    for x in items[1:]:\n"
        "        if x not in out:\n"
        "            out.append(x)\n"
        "    return out\n"
    ),
}
COPY = "```python\n" + BROKEN["starting_solution"] + "```"


@pytest.mark.slow
def test_a_broken_original_is_judged_by_the_tests_not_by_equivalence(sandbox):
    fix, copy = sandbox_outcomes([FAST, COPY], [BROKEN] * 2, sandbox, max_workers=2)
    # The fix passes the tests: fail -> pass, the best transition, with the format term.
    assert fix.passed, fix.reason
    assert fix.reward == pytest.approx(0.5 * 1.0 + 0.2)
    # The verbatim copy keeps the bug: fail -> fail, whatever equivalence would say.
    assert not copy.passed and copy.reward == pytest.approx(-0.25)
    assert "test_dedupe" in copy.reason, copy.reason
