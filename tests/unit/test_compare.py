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


# -- the policy beyond builtins ------------------------------------------------------------
from afterburner.sandbox.child import rebuild  # noqa: E402
from afterburner.sandbox.equality import Comparer  # noqa: E402


def judged(a, b, tolerance=0.0):
    """As the verifier compares: a user class's own __eq__ judges (here in-process)."""
    return Comparer(tolerance, rebuild.equal).difference(encode(a), encode(b))


class Keyed:
    def __init__(self, key, cache=None):
        self.key, self.cache = key, cache

    def __eq__(self, other):
        return isinstance(other, Keyed) and self.key == other.key


class AlwaysEqual:
    def __eq__(self, other):
        return True


def test_a_class_with_its_own_eq_is_judged_by_it():
    assert judged(Keyed(1, cache=[1]), Keyed(1, cache=[2])) is None
    assert "Keyed.__eq__ says they differ" in judged(Keyed(1), Keyed(2))
    # without the original's worker to ask, state decides
    assert diff(Keyed(1, cache=[1]), Keyed(1, cache=[2])) is not None


def test_a_candidates_value_cannot_bring_a_class_of_its_choosing_to_eq():
    # Keyed's __eq__ would compare keys, and an AlwaysEqual key would equal anything: the
    # candidate's value names a class the original's does not, so state decides.
    assert judged(Keyed(1), Keyed(AlwaysEqual())) is not None
    assert "type" in judged(Keyed(1), AlwaysEqual())


def test_dataclasses_attrs_namedtuples_and_enums():
    import dataclasses
    import enum

    import attrs

    @dataclasses.dataclass
    class Point:
        x: int
        memo: dict = dataclasses.field(default_factory=dict, compare=False)

    globals()["Point"] = Point  # rebuilt by name, as the worker finds it in its module
    Point.__qualname__ = "Point"

    @attrs.define
    class Pair:
        a: int

    globals()["Pair"] = Pair
    Pair.__qualname__ = "Pair"
    Colour = enum.Enum("Colour", "red green", module=__name__)
    globals()["Colour"] = Colour
    Row = collections.namedtuple("Row", "a b")
    globals()["Row"] = Row
    assert judged(Point(1, {"k": 1}), Point(1)) is None  # memo is not compared by __eq__
    assert judged(Point(1), Point(2)) is not None
    assert judged(Pair(1), Pair(1)) is None and judged(Pair(1), Pair(2)) is not None
    assert judged(Colour.red, Colour.red) is None and judged(Colour.red, Colour.green)
    assert judged(Row(1, 2), Row(1, 2)) is None
    assert judged(Row(1, 2), Row(1, 3)) is not None
    assert "type" in judged(Row(1, 2), (1, 2))


def test_floats_exact_by_default_tolerance_when_allowed_and_rounding_said_plainly():
    total = sum([0.1] * 10)
    reason = judged([total], [1.0])
    assert "differs only in float rounding" in reason and "--float-tolerance" in reason
    assert judged([total], [1.0], tolerance=1e-12) is None
    assert judged(1.0, 1.1, tolerance=1e-12) is not None
    assert "rounding" not in judged([1.0, 2.0], [total, 3.0])  # a real difference wins
    assert judged(math.inf, math.inf) is None and judged(math.inf, -math.inf) is not None


def test_exceptions_wrapped_explicitly_or_implicitly_and_groups():
    def handled():
        try:
            {}["k"]
        except KeyError:
            return ValueError("v")

    def caused():
        exc = ValueError("v")
        exc.__cause__ = KeyError("k")
        return exc

    assert judged(handled(), ValueError("v")) is None  # the implicit context is not behaviour
    assert "raised from" in judged(caused(), ValueError("v"))
    assert judged(caused(), caused()) is None
    coded, other = ValueError("x"), ValueError("x")
    coded.code, other.code = 1, 2
    assert judged(coded, other) is not None  # attributes beyond args count
    group = ExceptionGroup("g", [ValueError(1), KeyError(2)])
    assert judged(group, ExceptionGroup("g", [ValueError(1), KeyError(2)])) is None
    assert judged(group, ExceptionGroup("g", [ValueError(1), KeyError(3)])) is not None


def test_chain_maps_by_the_order_of_their_maps_and_arrays_by_typecode():
    from array import array

    chain = collections.ChainMap
    assert judged(chain({1: 1}, {2: 2}), chain({1: 1}, {2: 2})) is None
    assert judged(chain({1: 1}, {2: 2}), chain({2: 2}, {1: 1}))
    assert judged(array("d", [1.0]), array("f", [1.0])) is not None


def test_iterators_beyond_the_compared_prefix_are_counted_then_compared_by_state():
    assert judged(iter(range(5000)), iter(range(5000))) is None
    assert "values left" in judged(iter(range(5000)), iter(range(5001)))
    assert judged(iter(range(10**6)), iter(range(10**6 + 1))) is not None  # by what is left
    assert judged(itertools.product("ab", repeat=2), itertools.product("ab", repeat=2)) is None
    assert judged(itertools.groupby("aab"), itertools.groupby("aab")) is None
    assert judged(itertools.repeat(1), itertools.repeat(1)) is None


def test_an_iterator_met_twice_is_consumed_once():
    it, twin = iter([1, 2]), iter([1, 2])
    assert judged((it, it), (twin, twin)) is None
    assert judged((iter([1]), iter([1])), (twin, twin)) is not None  # shared vs separate


def test_weak_references_to_dead_objects():
    dead, gone = weakref.ref(P(1)), weakref.ref(P(2))
    assert judged(dead, gone) is None  # both referents are gone
    alive = P(1)
    assert judged(weakref.ref(alive), dead) is not None


def test_numpy_arrays_by_dtype_shape_and_elements():
    import numpy as np

    assert judged(np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3)) is None
    assert "dtype" in judged(np.arange(3), np.arange(3.0))
    assert "shape" in judged(np.zeros((2, 3)), np.zeros((3, 2)))
    assert "rounding" in judged(np.array([sum([0.1] * 10)]), np.array([1.0]))
    assert judged(np.float64(1.5), 1.5) is not None  # a numpy scalar is not a float


def test_pandas_objects_by_index_columns_dtypes_and_values():
    import pandas as pd

    at_once = pd.DataFrame({"a": [1, 2], "b": [1.5, 2.5]})
    by_column = pd.DataFrame({"a": [1, 2]})
    by_column["b"] = [1.5, 2.5]  # another block layout inside, the same frame
    assert judged(at_once, by_column) is None
    assert "dtypes" in judged(at_once, at_once.astype({"a": "float64"}))
    assert "index" in judged(at_once, at_once.set_axis([5, 6]))
    assert judged(at_once["a"], by_column["a"]) is None
    assert judged(at_once["a"], at_once["a"].rename("z")) is not None


def test_paths_under_the_temporary_directory_differ_only_in_tempfiles_random_part():
    compare = Comparer(temp_root="/tmp").difference
    one = encode("/tmp/afterburner-tzdc9u_i/xtljgck6s")
    two = encode("/tmp/afterburner-tzdc9u_i/xf25s00_2")
    assert compare(one, two) is None
    assert compare(encode("/tmp/tmpab_cd123.csv"), encode("/tmp/tmpzz9x0q1w.csv")) is None
    assert compare(encode("/tmp/a/report-1.txt"), encode("/tmp/a/report-2.txt")) is not None
    assert compare(encode("/tmp/a/report.txt"), encode("/tmp/a/report.csv")) is not None
    assert compare(encode("/home/a/xtljgck6s"), encode("/home/a/xf25s00_2")) is not None
    assert compare(encode("/tmp/a/x"), encode("/tmp/a/x/y")) is not None


class SlottedChild(Slotted):
    __slots__ = ("c",)

    def __init__(self, a, b, c):
        super().__init__(a, b)
        self.c = c


def test_inherited_slots_and_cycles_between_objects():
    assert judged(SlottedChild(1, 2, 3), SlottedChild(1, 2, 3)) is None
    assert judged(SlottedChild(1, 2, 3), SlottedChild(9, 2, 3)) is not None  # a base's slot
    parent, child = P(None), P(None)
    parent.x, child.x = child, parent
    twin_parent, twin_child = P(None), P(None)
    twin_parent.x, twin_child.x = twin_child, twin_parent
    assert judged(parent, twin_parent) is None
