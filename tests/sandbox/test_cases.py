"""Every public case: wrong rewrites rejected with a reason, the fast one called faster by at
least its expected margin, the A/A control not called faster."""

from __future__ import annotations

import pytest

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import verify
from tests.conftest import case_dirs, load_case, make_workspace

CASES = case_dirs()
pytestmark = pytest.mark.skipif(not CASES, reason="tests/fixtures/cases is not present")


@pytest.fixture(scope="module")
def prepared(sandbox, tmp_path_factory):
    cache = {}

    def get(case):
        if case.name not in cache:
            ws = make_workspace(case, tmp_path_factory.mktemp(case.name))
            meta = load_case(case)
            target = parse_target(f"mod.py::{meta['target']}", ws)
            cache[case.name] = (meta, target, collect_inputs(sandbox, target))
        return cache[case.name]

    return get


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_verdicts(case, sandbox, prepared):
    meta, target, inputs = prepared(case)
    assert inputs.from_tests > 0
    for name, expected in meta["candidates"].items():
        result = verify(sandbox, target, (case / name).read_text(), inputs=inputs)
        label = f"{case.name}/{name}"
        if not expected["equivalent"]:
            assert not result.equivalent, f"{label}: a wrong rewrite was accepted"
            assert result.reason, label
            if expected.get("exposed_by") == "fuzz":
                assert result.stage in ("fuzz", "inputs", "tests"), label
            continue
        assert result.equivalent, f"{label}: rejected: {result.reason}"
        if "min_speedup" in expected:
            assert result.verdict == "faster", f"{label}: {result.verdict} {result.speedup}"
            assert result.speedup >= expected["min_speedup"], f"{label}: {result.speedup}"
        if "max_speedup" in expected:
            assert result.verdict != "faster", f"{label}: A/A called faster ({result.speedup})"
            assert result.speedup <= expected["max_speedup"], f"{label}: {result.speedup}"
