"""Inputs are captured by the interpreter the workers are told to use (the user's project
interpreter), not by Afterburner's own: on 3.12+ that is the sys.monitoring tracer."""

from __future__ import annotations

import pickle

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from tests.conftest import worker_version, write_workspace

MODULE = '''
def tag(version, xs):
    """Raises on an empty list, so the capture also sees calls that unwind."""
    if not xs:
        raise ValueError("empty")
    return (version, sum(xs))
'''
TESTS = """
import sys

import pytest

from mod import tag


def test_tag():
    assert tag(tuple(sys.version_info[:2]), [1, 2])[1] == 3
    assert tag(tuple(sys.version_info[:2]), [4])[1] == 4
    with pytest.raises(ValueError):
        tag(tuple(sys.version_info[:2]), [])
"""


def test_calls_are_captured_by_the_worker_interpreter(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {"mod.py": MODULE, "test_mod.py": TESTS})
    inputs = collect_inputs(sandbox, parse_target("mod.py::tag", ws))
    assert inputs.from_tests == 3 and inputs.passing_tests, inputs
    versions = {pickle.loads(blob)[0][0] for blob in inputs.blobs}
    assert versions == {worker_version(sandbox)}


def test_scan_counts_calls_where_the_worker_interpreter_can(sandbox, tmp_path):
    """Calls come from sys.monitoring on 3.12+; on 3.11 they are unknown, and said so."""
    from afterburner.sandbox.scan import Workload, scan

    ws = write_workspace(tmp_path, {"mod.py": MODULE, "test_mod.py": TESTS})
    result = scan(sandbox, ws, Workload("pytest"))
    assert result.run.tests["passed"] == 1
    counted = worker_version(sandbox) >= (3, 12)
    assert result.calls_counted is counted
    if counted:  # too quick to be sampled, perhaps, but its calls are counted
        assert [f.calls for f in result.functions if f.qualname == "tag"] == [3]
    else:
        assert all(f.calls is None for f in result.functions)
        assert any("3.12+" in note for note in result.notes)
