"""Interleaved timing of the original and the candidate, each in its own worker, measured by
the parent through the kernel.

Per pair, in random order, each side runs the whole workload `loops` times over. Its time is
the CPU time the kernel charged to its process tree during that run (schedstat, in ns),
read while the worker waits for its next request; the other side is stopped (SIGSTOP on its
tree) the whole time, so nothing it left running competes. A candidate cannot report a time,
see its rival, or slow it down. Two checks keep it honest beyond that:
- a sampled timed call of each pair is encoded by both sides and compared, so behaving
  differently while being timed is a mismatch;
- CPU time spent outside the timed runs (preparing batches, answering samples) is summed per
  side: a candidate that does its work there instead is rejected.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .channel import Channel, WorkerFailed
from .equality import Comparer
from .outcome import Outcome, outcome_difference

_MAX_LOOPS = 1 << 20


@dataclass
class PairTiming:
    pairs: list[list[float]] = field(default_factory=list)  # [original, candidate] s per pass
    loops: int = 1
    per_input: list[list[float]] = field(default_factory=list)  # [original, candidate] s/call
    mismatch: str | None = None  # a timed call whose outcome differed
    deferred: str | None = None  # the candidate worked outside its timed runs
    sampled: int = 0
    overhead_s: float = 0.0  # the harness's CPU per batch, subtracted from both sides


class _Side:
    def __init__(self, worker: Channel) -> None:
        self.worker = worker
        self.timed_ns = 0
        self.untimed_ns = 0
        self.last_wall = 0.0
        self.plain = True
        self.redo = False
        self.pids = worker.pause()
        self.mark = worker.cpu_ns(self.pids)

    def _account_untimed(self) -> None:
        now = self.worker.cpu_ns(self.pids)
        self.untimed_ns += now - self.mark
        self.mark = now

    def timed(self, loops: int, indices: list[int], mutates: bool, wall_s: float) -> float:
        """Seconds of CPU for one prepared batch; the worker is stopped before and after."""
        w = self.worker
        w.resume()
        prepare = {"op": "prepare", "loops": loops, "indices": indices, "mutates": mutates}
        w.ask({**prepare, "plain": self.plain}, wall_s)
        self.pids = w.pids()
        self._account_untimed()
        started = time.monotonic()
        reply = w.ask({"op": "run"}, wall_s)
        if isinstance(reply, dict) and reply.get("raised"):
            self.plain = False  # a call raised: exceptions need the careful loop
            self.redo = True
        self.last_wall = time.monotonic() - started
        self.pids = w.pause()
        now = w.cpu_ns(self.pids)
        spent = now - self.mark
        self.timed_ns += spent
        self.mark = now
        return spent / 1e9

    def sample(self, call: int, wall_s: float) -> Outcome:
        w = self.worker
        w.resume()
        try:
            return Outcome.from_frame(w.ask({"op": "sample", "call": call}, wall_s))
        finally:
            self.pids = w.pause()
            self._account_untimed()


def time_pair(
    original: Channel,
    candidate: Channel,
    indices: list[int],
    *,
    mutates: bool,
    budget_s: float,
    seed: int,
    min_pairs: int,
    per_input: bool,
    min_batch: float = 0.004,
    comparer: Comparer | None = None,
    reference: Callable[[int], Outcome | None] | None = None,
) -> PairTiming:
    """Pairs of timed workload passes; raises WorkerFailed when a side fails (a candidate that
    runs over 20x the original's time on a batch times out)."""
    rng = random.Random(seed)
    _pin(original, candidate)
    orig, cand = _Side(original), _Side(candidate)
    out = PairTiming()

    def cand_limit() -> float:
        return 20 * orig.last_wall + 2.0

    try:
        out.loops = _calibrate(orig, indices, mutates, min_batch)
        cand.timed(out.loops, indices, mutates, cand_limit())  # warm-up, and the speed check
        # The harness's own CPU per batch (receiving the request, answering it), measured on
        # the original's side and taken off both: it would pull every ratio towards 1.
        empty = [orig.timed(0, indices, mutates, 60.0) for _ in range(5)]
        out.overhead_s = statistics.median(empty)
        sample_s = 0.0
        deadline = time.monotonic() + budget_s
        started = time.monotonic()
        while len(out.pairs) < 100_000 and (
            time.monotonic() < deadline or len(out.pairs) < min_pairs
        ):
            if rng.random() < 0.5:
                ta = orig.timed(out.loops, indices, mutates, 60.0)
                tb = cand.timed(out.loops, indices, mutates, cand_limit())
            else:
                tb = cand.timed(out.loops, indices, mutates, cand_limit())
                ta = orig.timed(out.loops, indices, mutates, 60.0)
            if orig.redo or cand.redo:
                orig.redo = cand.redo = False
                orig.plain = cand.plain = False
                continue
            floor = 0.05 * min(ta, tb)
            out.pairs.append(
                [max(ta - out.overhead_s, floor) / out.loops,
                 max(tb - out.overhead_s, floor) / out.loops]
            )  # fmt: skip
            if len(out.pairs) <= 2 or sample_s < 0.2 * (time.monotonic() - started):
                t0 = time.monotonic()
                call = rng.randrange(out.loops * len(indices))
                expected = reference(indices[call % len(indices)]) if reference else None
                out.mismatch = _check_sample(orig, cand, call, comparer, expected)
                out.sampled += 1
                sample_s += time.monotonic() - t0
                if out.mismatch:
                    return out
        if per_input:
            out.per_input = [
                _single(orig, cand, i, mutates, min_batch / 2, out.overhead_s) for i in indices
            ]
        out.deferred = _deferred(orig, cand)
        return out
    finally:
        for side in (orig, cand):
            try:
                side.worker.resume()
            except OSError:
                pass


def _pin(*workers: Channel) -> None:
    """Both sides on one CPU: a worker woken after SIGCONT otherwise lands on whichever core
    is free, with cold caches, and the pair-to-pair spread grew from 5% to 30%."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except OSError:
        return
    if len(cpus) < 2:
        return
    for worker in workers:
        for pid in worker.pids():
            try:
                os.sched_setaffinity(pid, {cpus[-1]})
            except OSError:
                pass


def _calibrate(side: _Side, indices: list[int], mutates: bool, min_batch: float) -> int:
    loops = 1
    side.timed(1, indices, mutates, 60.0)  # warm-up
    while True:
        elapsed = side.timed(loops, indices, mutates, 60.0)
        if elapsed >= min_batch or loops >= _MAX_LOOPS:
            return loops
        loops = min(_MAX_LOOPS, max(loops * 2, math.ceil(loops * min_batch / max(elapsed, 1e-7))))


def _single(
    orig: _Side, cand: _Side, index: int, mutates: bool, min_batch: float, overhead: float
) -> list[float]:
    loops = _calibrate(orig, [index], mutates, min_batch)
    a = orig.timed(loops, [index], mutates, 60.0)
    b = cand.timed(loops, [index], mutates, 20 * orig.last_wall + 2.0)
    return [max(a - overhead, 0.05 * a) / loops, max(b - overhead, 0.05 * b) / loops]


def _check_sample(
    orig: _Side,
    cand: _Side,
    call: int,
    comparer: Comparer | None = None,
    expected: Outcome | None = None,
) -> str | None:
    """A timed call against the original's same call, or against `expected` (what the
    candidate itself did on that input, untimed) where the original need not agree."""
    whose = "the original's" if expected is None else "its own untimed call's"
    if expected is None:
        expected = orig.sample(call, 60.0)
    try:
        got = cand.sample(call, 60.0)
    except WorkerFailed as exc:
        return f"the candidate failed while reporting a timed call: {exc}"
    diff = outcome_difference(expected, got, comparer=comparer)
    if diff:
        return f"a timed call differs from {whose}: {diff}"
    return None


def _deferred(orig: _Side, cand: _Side) -> str | None:
    allowance = 2 * orig.untimed_ns + 0.2 * (orig.timed_ns + cand.timed_ns) + 50e6
    if cand.untimed_ns > allowance:
        return (
            f"the candidate spent {cand.untimed_ns / 1e9:.3g} s of CPU outside its timed calls "
            f"(the original {orig.untimed_ns / 1e9:.3g} s): it does its work where it is not "
            "measured"
        )
    return None
