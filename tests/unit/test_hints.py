"""Argument types from captured inputs, written as type hints the rules can read."""

from __future__ import annotations

import ast
import pickle

import pytest

from afterburner.model.rules.annotations import from_annotation
from afterburner.model.rules.inference import Ty
from afterburner.sandbox.child.hints import hint_of, hints


@pytest.mark.parametrize(
    ("values", "hint"),
    [
        ([3, 4], "int"),
        (["a", ""], "str"),
        ([None], "None"),
        ([[1, 2], [3]], "list[int]"),
        ([[], [1]], "list[int]"),  # an empty list says nothing against the others
        ([[]], "list"),  # elements unknown
        ([[1, "a"]], "list"),  # mixed elements: unknown, not a union
        ([(1, "a"), (2, "b")], "tuple[int, str]"),
        ([tuple(range(9))], "tuple[int, ...]"),
        ([{"a": [1.0]}, {}], "dict[str, list[float]]"),
        ([{frozenset({1})}], "set[frozenset[int]]"),
        ([[[[[1]]]]], "list[list[list[list]]]"),  # deeper than looked at: elements unknown
    ],
)
def test_hint_of_builtin_data(values, hint):
    assert hint_of(values) == hint
    assert isinstance(from_annotation(ast.Constant(hint)), Ty)


@pytest.mark.parametrize(
    "values",
    [
        [1, True],  # bool is not int here: rules treat them apart
        [1, 2.0],
        [object()],
    ],
)
def test_no_hint_where_values_disagree_or_are_not_plain_data(values):
    assert hint_of(values) is None


def test_hints_bind_captured_calls_to_parameters():
    def f(words, limit=3, *rest, **options):
        return words

    blobs = [pickle.dumps(((["a", "b"],), {"limit": 2})), pickle.dumps(((["c"], 5, 1.5), {}))]
    assert hints(f, blobs) == {"words": "list[str]", "limit": "int", "rest": "tuple[float]"}


class Ledger:
    def __init__(self, ids, owner):
        self.ids = ids
        self.owner = owner
        self.callback = print  # not plain data: no hint


def test_instances_of_the_users_classes_get_hints_per_attribute():
    from afterburner.sandbox.child.hints import attribute_hints

    found = attribute_hints([Ledger([1, 2], "ann"), Ledger([], "bob")])
    assert found == {"ids": "list[int]", "owner": "str"}
    assert attribute_hints([Ledger([1], "a"), object()]) == {}  # two classes: nothing
