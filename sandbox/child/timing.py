"""Interleaved timing of two implementations in one process (pyperf-style calibration).

Each pair times the original and the candidate on the same input, in random order, each
as a batch long enough (>= min_batch) to beat the clock's resolution, with the garbage
collector off. The caller pools pairs from several worker processes.
"""

from __future__ import annotations

import gc
import math
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from .calls import NullOutput, load_input, materialize

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


# Net new container objects, since the last collection, above which the timing loop collects.
# With the collector off the count only grows when the code leaves reference cycles behind.
CYCLE_GARBAGE_LIMIT = 50_000


def _collect_if_needed() -> bool:
    """Collect between pairs only when cyclic garbage piles up. A full collection walks the
    whole heap and leaves the caches cold: collecting after every pair, as this loop once did,
    turned a 5% pair-to-pair spread into 30% in a worker with a large heap."""
    if gc.get_count()[0] < CYCLE_GARBAGE_LIMIT:
        return False
    gc.collect()
    return True


def pairs(
    original: Any,
    candidate: Any,
    blobs: list[bytes],
    *,
    mutates: bool,
    lazy: bool,
    budget_s: float,
    seed: int,
    min_batch: float = 0.002,
    min_pairs: int = 8,
    max_pairs: int = 100_000,
    per_input: bool = False,
) -> dict:
    """Time the whole workload (every input once) for A and B in random order, repeatedly.

    Each pair's ratio is the workload's ratio, so heavy inputs weigh as much as they cost."""
    rng = random.Random(seed)
    batches = Batches(blobs, mutates)
    run_a, run_b = runner(original, lazy), runner(candidate, lazy)
    saved_stdout, sys.stdout = sys.stdout, NullOutput()
    try:
        loops, _ = calibrate(run_a, batches.workload, min_batch)
        run_b(batches.workload(1))  # warm the candidate too
        records: list[list[float]] = []
        deadline = time.perf_counter() + budget_s
        gc.collect()
        gc.disable()
        try:
            while len(records) < max_pairs and (
                time.perf_counter() < deadline or len(records) < min_pairs
            ):
                batch_a, batch_b = batches.workload(loops), batches.workload(loops)
                if rng.random() < 0.5:
                    ta = run_a(batch_a)
                    tb = run_b(batch_b)
                else:
                    tb = run_b(batch_b)
                    ta = run_a(batch_a)
                records.append([ta / loops, tb / loops])
                del batch_a, batch_b
                if _collect_if_needed():  # then warm the caches again, untimed
                    run_a(batches.workload(1))
                    run_b(batches.workload(1))
        finally:
            gc.enable()
        singles = (
            [
                [
                    calibrate(run, lambda n, i=i: batches.get(i, n), 0.001)[1]
                    for run in (run_a, run_b)
                ]
                for i in range(len(blobs))
            ]
            if per_input
            else []
        )
    finally:
        sys.stdout = saved_stdout
    return {"pairs": records, "loops": loops, "per_input": singles}
