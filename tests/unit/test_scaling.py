"""The growth estimate grows only what varies in size between the real inputs, and stops
with a note, never a failure, when a grown call outlasts its budget."""

from __future__ import annotations

import itertools
import pickle
import time

import pytest

from afterburner.sandbox.child.profile import scaling

# Calls are bounded by SIGALRM here, as in a worker: pytest-timeout must not take it over
# (and must not restore, after another test, a handler from before ours).
pytestmark = pytest.mark.timeout(120, method="thread")


def blobs(*calls):
    return [pickle.dumps((args, {}), protocol=5) for args in calls]


def joined(items, sep):
    assert len(sep) == 2, "a separator is not a workload"
    return sep.join(items)


def subsets(xs):
    return sum(1 for r in range(len(xs) + 1) for _ in itertools.combinations(xs, r))


def test_only_arguments_whose_size_varies_are_grown():
    real = blobs((["a", "b"], ", "), (["a", "b", "c", "d"], ", "), (["x"] * 9, ", "))
    grown = scaling(joined, real, mutates=False, lazy=False, budget_s=1.0)
    assert grown is not None and len(grown["points"]) >= 3  # the separator stayed ", "


def test_an_exponential_function_stops_with_a_note_within_its_budget():
    real = blobs((list(range(3)),), (list(range(5)),))
    started = time.monotonic()
    grown = scaling(subsets, real, mutates=False, lazy=False, budget_s=1.0)
    assert time.monotonic() - started < 10
    assert grown is not None
    assert grown["note"] is None or grown["note"].startswith("stopped at size")
