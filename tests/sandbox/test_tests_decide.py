"""Equivalence "tests": the problem's own tests decide (rows of the Venus data set, whose
evaluators accept several answers), and the trust checks of timing still hold."""

from __future__ import annotations

import pytest

from afterburner.model.train.venus import to_problem
from afterburner.model.train.workspace import module_text, target_in, write_workspace
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.verify import VerifySettings, verify
from tests.fixtures.venus.rows import PAIRS, PAIRS_FAST, PAIRS_WRONG

BY_TESTS = VerifySettings(equivalence="tests", budget_s=1.0, workers=3)


@pytest.fixture(scope="module")
def pairs(sandbox, tmp_path_factory):
    problem = to_problem(PAIRS)
    code = module_text(problem, problem["starting_solution"])
    root = write_workspace(code, problem["tests"], tmp_path_factory.mktemp("pairs"))
    target = target_in(root, problem["function_name"])
    return target, collect_inputs(sandbox, target, generate=0)


def test_another_right_answer_passes_where_values_differ(sandbox, pairs):
    target, inputs = pairs
    assert inputs.from_tests == 4 and not inputs.failing_tests
    by_value = verify(sandbox, target, PAIRS_FAST, inputs=inputs,
                      settings=VerifySettings(fuzz=False, budget_s=0.5, workers=2))  # fmt: skip
    assert not by_value.equivalent and "differs" in by_value.reason
    by_tests = verify(sandbox, target, PAIRS_FAST, inputs=inputs, settings=BY_TESTS)
    assert by_tests.equivalent, by_tests.reason
    assert by_tests.checked.tests_run == 4
    assert by_tests.verdict == "faster" and by_tests.ci95[0] > 1, by_tests.ci95


def test_a_wrong_answer_fails_the_tests(sandbox, pairs):
    target, inputs = pairs
    r = verify(sandbox, target, PAIRS_WRONG, inputs=inputs, settings=BY_TESTS)
    assert not r.equivalent and r.stage == "tests"
    assert "test_case[case_3] fails with the candidate" in r.reason, r.reason


def test_a_timed_call_must_do_what_the_candidate_did_untimed(sandbox, pairs):
    target, inputs = pairs
    cheat = PAIRS_FAST.replace(
        "        seen = {}\n",
        "        import sys\n        f = sys._getframe(1)\n"
        "        while f is not None:\n"
        "            code = f.f_code\n"
        "            if code.co_name == 'run' and code.co_filename.endswith('serve.py'):\n"
        "                return []\n"
        "            f = f.f_back\n        seen = {}\n",
    )
    r = verify(sandbox, target, cheat, inputs=inputs, settings=BY_TESTS)
    assert not r.equivalent and r.stage == "timing", r.reason
    assert "differs from its own untimed call's" in r.reason, r.reason
