"""The in-worker timing loop, run in this process: pairs, and memory kept flat with gc off."""

from __future__ import annotations

import gc
import pickle

import psutil

from afterburner.sandbox.child import timing


def _leaves_cycles(n: int) -> int:
    for _ in range(n):
        node: list = []
        node.append(node)  # a reference cycle: only the collector frees it
    return n


def test_cyclic_garbage_is_collected_between_pairs_and_gc_is_restored():
    blob = pickle.dumps(((5000,), {}))
    rss_before = psutil.Process().memory_info().rss
    out = timing.pairs(
        _leaves_cycles, _leaves_cycles, [blob], mutates=False, lazy=False, budget_s=1.0, seed=3
    )
    grown = psutil.Process().memory_info().rss - rss_before
    # ~1M cycles (56+ bytes each) are made in a second; without collections between pairs
    # that is well over 50 MB
    assert len(out["pairs"]) >= 8
    assert grown < 40 << 20, f"RSS grew by {grown >> 20} MiB"
    assert gc.isenabled()


def test_pairs_time_both_sides_of_every_pair():
    blob = pickle.dumps(((200,), {}))
    out = timing.pairs(sum_to, sum_to_fast, [blob], mutates=False, lazy=False, budget_s=0.3, seed=1)
    assert out["loops"] >= 1
    ratios = sorted(a / b for a, b in out["pairs"])
    assert ratios[len(ratios) // 2] > 1.5  # the loop is many times slower than the formula


def sum_to(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def sum_to_fast(n: int) -> int:
    return n * (n - 1) // 2
