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
