from __future__ import annotations

import math

from afterburner.sandbox.child.compare import difference


def test_equal_values_and_nan():
    assert difference([1, 2.5, "x"], [1, 2.5, "x"]) is None
    assert difference(math.nan, math.nan) is None
    assert difference({"a": [math.nan]}, {"a": [math.nan]}) is None


def test_type_matters():
    assert "type" in difference(1, 1.0)
    assert "type" in difference([1], (1,))
    assert "type" in difference(True, 1)


def test_dict_order_and_values():
    assert "order" in difference({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert "['a']" in difference({"a": 1}, {"a": 2})


def test_nested_path_is_reported():
    assert difference([[1, 2], [3, 4]], [[1, 2], [3, 5]]).startswith("result[1][1]")


def test_objects_without_eq_compare_state():
    class P:
        def __init__(self, x):
            self.x = x

    assert difference(P(1), P(1)) is None
    assert difference(P(1), P(2)) is not None


def test_sets_ignore_order():
    assert difference({3, 1, 2}, {1, 2, 3}) is None
    assert difference({1}, {2}) is not None
