"""Every kind of function gets inputs from the tests and a verdict: methods, properties
(getter and setter), classmethods, staticmethods, cached properties, functions behind a
functools.wraps decorator, async functions, methods of nested classes."""

from __future__ import annotations

import pytest

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import enclosing_function, parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace

MODULE = '''
import functools


class Temp:
    def __init__(self, c):
        self._c = c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9

    @classmethod
    def from_kelvin(cls, k):
        return cls(k - 273.15)

    @staticmethod
    def clamp(x, lo, hi):
        return max(lo, min(x, hi))

    @functools.cached_property
    def label(self):
        return f"{self._c:.1f}C"

    class Scale:
        def ratio(self, a, b):
            return a / b


def logged(f):
    @functools.wraps(f)
    def inner(*args, **kwargs):
        return f(*args, **kwargs)
    return inner


@logged
def double(x):
    return 2 * x


async def bump(x):
    return x + 1
'''
TESTS = """
import asyncio
from temps import Temp, bump, double

def test_all():
    t = Temp(100)
    assert t.fahrenheit == 212
    t.fahrenheit = 32
    assert t._c == 0
    assert Temp.from_kelvin(273.15)._c == 0
    assert Temp.clamp(5, 0, 3) == 3
    assert Temp(1).label == "1.0C"
    assert Temp.Scale().ratio(1, 2) == 0.5
    assert double(2) == 4
    assert asyncio.run(bump(1)) == 2
"""
SETTINGS = VerifySettings(budget_s=0.3, fuzz=False)
CASES = {
    "Temp.fahrenheit": "@property\ndef fahrenheit(self):\n    return self._c * 1.8 + 32\n",
    "Temp.fahrenheit.setter": "@fahrenheit.setter\ndef fahrenheit(self, f):\n"
                              "    self._c = (f - 32) / 1.8\n",
    "Temp.from_kelvin": "@classmethod\ndef from_kelvin(cls, k):\n    return cls(k - 273.15)\n",
    "Temp.clamp": "@staticmethod\ndef clamp(x, lo, hi):\n    return lo if x < lo else hi "
                  "if x > hi else x\n",
    "Temp.label": "@functools.cached_property\ndef label(self):\n    return '%.1fC' % self._c\n",
    "Temp.Scale.ratio": "def ratio(self, a, b):\n    return a / b\n",
    "double": "@logged\ndef double(x):\n    return x + x\n",
    "bump": "async def bump(x):\n    return x + 1\n",
}  # fmt: skip


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return write_workspace(tmp_path_factory.mktemp("kinds"),
                           {"temps.py": MODULE, "test_temps.py": TESTS})  # fmt: skip


@pytest.mark.parametrize("qualname", list(CASES))
def test_each_kind_gets_test_inputs_and_a_verdict(sandbox, workspace, qualname):
    target = parse_target(f"temps.py::{qualname}", workspace)
    inputs = collect_inputs(sandbox, target)
    assert inputs.from_tests >= 1, inputs.notes
    result = verify(sandbox, target, CASES[qualname], inputs=inputs, settings=SETTINGS)
    assert result.equivalent, result.reason


def test_a_wrong_setter_is_rejected_by_what_it_leaves_in_self(sandbox, workspace):
    target = parse_target("temps.py::Temp.fahrenheit.setter", workspace)
    wrong = "@fahrenheit.setter\ndef fahrenheit(self, f):\n    self._c = f - 32\n"
    result = verify(sandbox, target, wrong, settings=SETTINGS)
    assert not result.equivalent and "mutation differs" in result.reason


def test_the_cursor_in_a_setter_names_the_setter():
    line = MODULE.splitlines().index("    def fahrenheit(self, f):") + 2
    assert enclosing_function(MODULE, line) == "Temp.fahrenheit.setter"
    line = MODULE.splitlines().index("    def fahrenheit(self):") + 2
    assert enclosing_function(MODULE, line) == "Temp.fahrenheit"
