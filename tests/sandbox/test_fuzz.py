"""Fuzzing through the sandbox: as strong as the same Hypothesis run in a plain process,
untyped functions fuzzed from the shapes of their captured inputs, and the strength of the
evidence said when fuzzing cannot add to it."""

from __future__ import annotations

import pickle
import sys

import pytest

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace

AREA = """
from typing import Any


def total_area(rects: list[list[int]], scale: list[list[int]]) -> int:
    if not rects or not scale:
        raise ValueError("empty input")
    t = 0
    for r in rects:
        for s in scale:
            t += sum(r) * len(s)
    return t


def contains(items: list, probe: Any) -> bool:
    for item in items:
        if item == probe:
            return True
    return False


def normalise(values, scale=1):
    out = []
    for v in values:
        out.append(v * scale / (1 + abs(v)))
    return out
"""
TESTS = """
from mod import contains, normalise, total_area

def test_contains():
    assert contains([1, 2], 2) and not contains([1, 2], 3)

def test_area():
    assert total_area([[1, 2]], [[3]]) == 3
    assert total_area([[1], [2, 3]], [[1, 1], [2]]) == 18

def test_normalise():
    assert normalise([1, 3]) == [0.5, 0.75]
    assert normalise([2.0, -1.0], scale=2)[0] > 0
"""
ONLY_SCALE = AREA.replace("if not rects or not scale:", "if not scale:")
SETTINGS = VerifySettings(budget_s=0.3)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return write_workspace(tmp_path_factory.mktemp("fuzz"), {"mod.py": AREA, "test_mod.py": TESTS})


def check(sandbox, ws, name, source, settings=SETTINGS):
    target = parse_target(f"mod.py::{name}", ws)
    return verify(sandbox, target, source, inputs=collect_inputs(sandbox, target),
                  settings=settings)  # fmt: skip


def in_process(ws, name, candidate_source, blobs):
    """The same fuzzing run in this process: the original and the candidate side by side."""
    import importlib.util

    from afterburner.sandbox.child import fuzz
    from afterburner.sandbox.child.calls import call
    from afterburner.sandbox.child.serve import encode_outcome
    from afterburner.sandbox.outcome import Outcome, outcome_difference

    def load(label, source):
        path = ws / f"{label}.py"
        path.write_text(source)
        spec = importlib.util.spec_from_file_location(label, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return getattr(module, name)

    original, candidate = load("plain_original", AREA), load("plain_candidate", candidate_source)

    def ask(question):
        args, kwargs = pickle.loads(question["blob"])
        got = Outcome.from_frame(encode_outcome(call(candidate, args, kwargs, timeout=1.0)))
        return {"diff": outcome_difference(Outcome.from_frame(question["outcome"]), got)}

    op = {"max_examples": SETTINGS.fuzz_examples, "budget_s": 30.0, "per_call": 0.5}
    return fuzz.drive(original, None, blobs, op, ask)


def test_the_worker_finds_what_a_plain_process_finds(sandbox, workspace):
    result = check(sandbox, workspace, "total_area", ONLY_SCALE)
    assert result.stage == "fuzz" and "raised ValueError" in result.reason
    target = parse_target("mod.py::total_area", workspace)
    plain = in_process(workspace, "total_area", ONLY_SCALE, collect_inputs(sandbox, target).blobs)
    assert plain["counterexample"] == result.counterexample
    # Both runs are derandomized over the same strategies: the worker needs no more examples.
    assert result.checked.fuzz_examples <= plain["ran"] + 2, (result.checked, plain)


def test_an_untyped_function_is_fuzzed_from_the_shapes_of_its_inputs(sandbox, workspace):
    skips_zeros = "def normalise(values, scale=1):\n    return [v * scale / (1 + abs(v)) " \
                  "for v in values if v]\n"  # fmt: skip
    result = check(sandbox, workspace, "normalise", skips_zeros)
    assert not result.equivalent and result.stage == "fuzz", result.reason
    assert "0" in result.counterexample
    same = (
        "def normalise(values, scale=1):\n    return [v * scale / (1 + abs(v)) for v in values]\n"
    )
    result = check(sandbox, workspace, "normalise", same)
    assert result.equivalent, result.reason
    assert "shapes" in result.checked.fuzz_strategy and result.checked.fuzz_edge_cases > 0
    assert result.evidence == "strong" and result.checked.fuzz_examples >= 20


def test_a_parameter_typed_any_is_fuzzed_from_its_shapes(sandbox, workspace):
    skips_first = (
        "def contains(items: list, probe: Any) -> bool:\n"
        "    return probe in items[1:]\n"
    )
    result = check(sandbox, workspace, "contains", skips_first)
    assert not result.equivalent and result.stage in ("fuzz", "inputs"), result.reason
    same = "def contains(items: list, probe: Any) -> bool:\n    return probe in items\n"
    result = check(sandbox, workspace, "contains", same)
    assert result.equivalent and "shapes" in result.checked.fuzz_strategy, result.checked


def test_thin_evidence_is_called_weak(sandbox, workspace):
    same = (
        "def normalise(values, scale=1):\n    return [v * scale / (1 + abs(v)) for v in values]\n"
    )
    result = check(sandbox, workspace, "normalise", same, VerifySettings(budget_s=0.3, fuzz=False))
    assert result.equivalent
    assert result.evidence == "weak"
    assert result.evidence_note.startswith("verified on 2 test inputs")
    assert "only" in result.evidence_note and "disabled" in result.evidence_note


def test_an_interpreter_without_hypothesis_skips_fuzzing_and_says_why(monkeypatch):
    # A user's project need not have Hypothesis: fuzzing is skipped with the fix, never a
    # rejection of the candidate (the verdict's evidence then says fuzzing did not run).
    from afterburner.sandbox.child import fuzz

    monkeypatch.setitem(sys.modules, "hypothesis", None)
    out = fuzz.drive(lambda xs: xs, None, [], {"max_examples": 10, "budget_s": 1.0}, dict)
    assert out["ran"] == 0 and out["reason"] is None
    assert "pip install hypothesis" in out["skipped"]
