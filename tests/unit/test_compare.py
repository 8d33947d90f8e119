"""Values as the workers encode them and the parent compares them (child/encode.py,
sandbox/equality.py): each rule with a case that must be equal and one that must differ."""

from __future__ import annotations

import collections
import itertools
import math
import weakref

from afterburner.sandbox.child.encode import ITER_LIMIT, encode
from afterburner.sandbox.equality import difference, show


def diff(a, b):
    return difference(encode(a), encode(b))


def test_equal_values_and_nan():
    assert diff([1, 2.5, "x"], [1, 2.5, "x"]) is None
    assert diff(math.nan, math.nan) is None
    assert diff({"a": [math.nan]}, {"a": [math.nan]}) is None
    assert diff(0.1 + 0.2, 0.3) is not None  # exact by default


def test_type_matters():
    assert "type" in diff(1, 1.0)
    assert "type" in diff([1], (1,))
    assert "type" in diff(True, 1)


def test_dict_order_and_values():
    assert "order" in diff({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert "['a']" in diff({"a": 1}, {"a": 2})


def test_nested_path_is_reported():
    assert diff([[1, 2], [3, 4]], [[1, 2], [3, 5]]).startswith("result[1][1]")


class P:
    def __init__(self, x):
        self.x = x


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b


def test_objects_compare_by_state_with_slots():
    assert diff(P(1), P(1)) is None
    assert diff(P(1), P(2)) is not None
    assert diff(Slotted(1, 2), Slotted(1, 2)) is None
    assert diff(Slotted(1, 2), Slotted(1, 3)) is not None


def test_sets_ignore_order():
    assert diff({3, 1, 2}, {1, 2, 3}) is None
    assert diff({1}, {2}) is not None


def test_builtin_iterators_compare_by_what_they_yield():
    assert diff(map(str, [1, 2]), map(str, [1, 2])) is None
    assert diff(iter([1, 2, 3]), iter([1, 2, 3])) is None
    assert diff(itertools.zip_longest([1], [2, 3]), itertools.zip_longest([1], [2, 3])) is None
    assert diff((x for x in range(3)), (x for x in range(3))) is None
    assert diff(map(str, [1, 2]), map(str, [1, 3])) is not None
    assert diff(iter([1, 2]), iter([1, 2, 3])) is not None


def test_infinite_iterators_are_compared_on_a_bounded_prefix():
    assert diff(itertools.count(), itertools.count()) is None
    assert diff(itertools.count(), itertools.count(1)) is not None
    node = encode(itertools.count())
    assert len(node[2]) == ITER_LIMIT and node[3] is False


def test_an_object_holding_an_iterator():
    a, b = P(iter(range(3))), P(iter(range(3)))
    assert diff(a, b) is None
    assert diff(P(iter(range(3))), P(iter(range(4)))) is not None


def test_weak_references_by_referent_and_exceptions_by_args_and_cause():
    target = P(1)
    assert diff(weakref.ref(target), weakref.ref(target)) is None
    assert diff(ValueError("x"), ValueError("x")) is None
    assert diff(ValueError("x"), ValueError("y")) is not None
    wrapped = ValueError("outer")
    wrapped.__cause__ = KeyError("k")
    other = ValueError("outer")
    other.__cause__ = KeyError("j")
    assert diff(wrapped, other) is not None


def test_stdlib_values():
    from array import array
    from datetime import datetime, timedelta
    from decimal import Decimal
    from fractions import Fraction

    assert diff(Decimal("1.10"), Decimal("1.10")) is None
    assert diff(Decimal("1.10"), Decimal("1.1")) is not None
    assert diff(Fraction(1, 3), Fraction(2, 6)) is None
    assert diff(datetime(2020, 1, 1), datetime(2020, 1, 1) + timedelta(0)) is None
    assert diff(array("i", [1, 2]), array("i", [1, 2])) is None
    assert diff(array("i", [1, 2]), array("l", [1, 2])) is not None  # typecodes differ
    assert diff(collections.deque([1, 2]), collections.deque([1, 2])) is None
    assert diff(collections.Counter("aab"), collections.Counter("aab")) is None
    assert diff(collections.defaultdict(list), collections.defaultdict(set)) is not None


def test_cycles_are_encoded_and_compared():
    a: list = [1]
    a.append(a)
    b: list = [1]
    b.append(b)
    assert diff(a, b) is None


def test_shown_values_read_like_python():
    assert show(encode([1, "a", (2.5,)])) == "[1, 'a', (2.5,)]"
    assert show(encode({"k": None})) == "{'k': None}"
