"""In-process batch timing of the original alone, for its profile (pyperf-style calibration).

Verdicts never come from here: a candidate is timed by the parent (see sandbox/pairing.py).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from .calls import load_input, materialize

Call = tuple[tuple, dict]


def runner(func: Any, lazy: bool) -> Callable[[list[Call]], float]:
    """A batch timer for func; exceptions are part of the behaviour, so they are timed too.

    Calls without keyword arguments go through `func(*args)`: `func(*args, **{})` costs
    ~55 ns more a call here, harness time that would dilute the ratio of a 1 µs function."""
    clock = time.perf_counter

    def run(batch: list[Call]) -> float:
        if lazy:
            t0 = clock()
            for a, k in batch:
                try:
                    materialize(func(*a, **k))
                except Exception:
                    pass
            return clock() - t0
        if any(k for _, k in batch):
            t0 = clock()
            for a, k in batch:
                try:
                    func(*a, **k)
                except Exception:
                    pass
            return clock() - t0
        positional = [a for a, _ in batch]  # before the clock starts
        t0 = clock()
        for a in positional:
            try:
                func(*a)
            except Exception:
                pass
        return clock() - t0

    return run


class Batches:
    """Inputs ready to call; fresh copies per batch when the function mutates its arguments."""

    def __init__(self, blobs: list[bytes], mutates: bool) -> None:
        self.blobs, self.mutates = blobs, mutates
        self.shared = [load_input(b) for b in blobs]

    def get(self, index: int, loops: int) -> list[Call]:
        """One input, `loops` times."""
        if self.mutates:
            return [load_input(self.blobs[index]) for _ in range(loops)]
        return [self.shared[index]] * loops

    def workload(self, loops: int) -> list[Call]:
        """Every input once, `loops` times over: one pass is the captured workload."""
        if self.mutates:
            return [load_input(b) for _ in range(loops) for b in self.blobs]
        return self.shared * loops


def calibrate(
    run: Callable[[list[Call]], float], make: Callable[[int], list[Call]], min_batch: float
) -> tuple[int, float]:
    """Loops per batch so that one batch lasts at least min_batch; also the time per loop."""
    run(make(1))  # warm-up
    loops = 1
    while True:
        elapsed = run(make(loops))
        if elapsed >= min_batch or loops >= 1 << 20:
            return loops, elapsed / loops
        loops = max(loops * 2, math.ceil(loops * min_batch / max(elapsed, 1e-9)))
