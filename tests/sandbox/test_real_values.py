"""Values real code returns, through the whole sandbox: what must be judged equal is (the
original pasted back, a rewrite that changes only what the class's own __eq__ ignores), and
what differs only in float rounding is rejected with the setting that allows it."""

from __future__ import annotations

import pytest

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace

MODULE = """
import itertools
import tempfile


class Interval:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
        self._width = None  # a cache, left out of equality

    def __eq__(self, other):
        return isinstance(other, Interval) and (self.lo, self.hi) == (other.lo, other.hi)

    def width(self):
        if self._width is None:
            self._width = self.hi - self.lo
        return self._width


def spans(pairs):
    return [Interval(lo, hi) for lo, hi in pairs]


def pairs_of(xs, ys):
    return itertools.zip_longest(xs, ys)


def scratch(name):
    return tempfile.mkdtemp(prefix=name)


def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


class Reader:
    def __init__(self, n):
        self._it = iter(range(n))

    def take(self, k):
        return [next(self._it) for _ in range(k)]
"""
TESTS = """
from mod import Interval, Reader, mean, pairs_of, scratch, spans

def test_all():
    assert spans([(1, 2)]) == [Interval(1, 2)]
    assert spans([(0, 5), (2, 3)])[1].width() == 1
    assert list(pairs_of([1, 2], [3])) == [(1, 3), (2, None)]
    assert scratch("x")
    assert mean([0.1, 0.2, 0.3, 0.4]) > 0
    assert mean([0.1, 0.2, 0.3]) > 0
    assert Reader(5).take(2) == [0, 1]
"""
SETTINGS = VerifySettings(budget_s=0.3, fuzz=False)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return write_workspace(
        tmp_path_factory.mktemp("values"), {"mod.py": MODULE, "test_mod.py": TESTS}
    )


def check(sandbox, ws, name, source, settings=SETTINGS):
    target = parse_target(f"mod.py::{name}", ws)
    return verify(
        sandbox, target, source, inputs=collect_inputs(sandbox, target), settings=settings
    )


def original(name: str) -> str:
    import ast

    tree = ast.parse(MODULE)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name.split(".")[-1]:
            return ast.get_source_segment(MODULE, node)
    raise KeyError(name)


@pytest.mark.parametrize("name", ["spans", "pairs_of", "scratch", "mean"])
def test_the_original_pasted_back_is_equivalent(sandbox, workspace, name):
    result = check(sandbox, workspace, name, original(name))
    assert result.equivalent, result.reason
    assert result.verdict != "faster"


def test_a_method_of_an_object_holding_an_iterator(sandbox, workspace):
    source = "def take(self, k):\n    return [next(self._it) for _ in range(k)]\n"
    result = check(sandbox, workspace, "Reader.take", source)
    assert result.equivalent, result.reason
    wrong = "def take(self, k):\n    return list(range(k))\n"
    result = check(sandbox, workspace, "Reader.take", wrong)
    assert not result.equivalent and "_it" in result.reason


def test_a_class_with_its_own_eq_is_judged_by_it(sandbox, workspace):
    # The rewrite fills the cache the original leaves empty: state differs, __eq__ agrees.
    filled = (
        "def spans(pairs):\n    out = [Interval(lo, hi) for lo, hi in pairs]\n"
        "    for s in out:\n        s._width = s.hi - s.lo\n    return out\n"
    )
    result = check(sandbox, workspace, "spans", filled)
    assert result.equivalent, result.reason
    swapped = "def spans(pairs):\n    return [Interval(hi, lo) for lo, hi in pairs]\n"
    result = check(sandbox, workspace, "spans", swapped)
    assert not result.equivalent and "Interval.__eq__ says they differ" in result.reason


def test_float_rounding_is_named_and_can_be_allowed(sandbox, workspace):
    reassociated = "import math\n\ndef mean(xs):\n    return math.fsum(xs) / len(xs)\n"
    result = check(sandbox, workspace, "mean", reassociated)
    assert not result.equivalent
    assert "only in float rounding" in result.reason and "--float-tolerance" in result.reason
    lax = VerifySettings(budget_s=0.3, fuzz=False, float_tolerance=1e-12)
    result = check(sandbox, workspace, "mean", reassociated, lax)
    assert result.equivalent, result.reason
