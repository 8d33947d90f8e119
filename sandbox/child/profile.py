"""Profile one function on its inputs: per-call times, hot lines, growth with input size."""

from __future__ import annotations

import inspect
import math
import pickle
import random
import statistics
import sys
import time
from collections import defaultdict
from typing import Any

from .batches import Batches, calibrate, runner
from .calls import NullOutput, call, load_input

SIZED = (list, tuple, str, bytes, set, frozenset, dict)


def per_call_times(
    func: Any, blobs: list[bytes], *, mutates: bool, lazy: bool, budget_s: float
) -> list[float]:
    """Median per-call seconds for each input (3 calibrated batches of >= 1 ms each)."""
    batches, run = Batches(blobs, mutates), runner(func, lazy)
    deadline = time.perf_counter() + budget_s
    times = []
    saved, sys.stdout = sys.stdout, NullOutput()
    try:
        for i in range(len(blobs)):
            loops, first = calibrate(run, lambda n, i=i: batches.get(i, n), 0.001)
            samples = [first]
            while len(samples) < 3 and time.perf_counter() < deadline:
                samples.append(run(batches.get(i, loops)) / loops)
            times.append(statistics.median(samples))
    finally:
        sys.stdout = saved
    return times


def hot_lines(func: Any, blobs: list[bytes], budget_s: float) -> dict[int, list[float]]:
    """Line -> [share of the function's own time, hits], traced on the target's frames only."""
    code = inspect.unwrap(func).__code__
    spent: dict[int, float] = defaultdict(float)
    hits: dict[int, int] = defaultdict(int)
    state: list[Any] = [None, 0.0]
    clock = time.perf_counter

    def local(frame: Any, event: str, arg: Any) -> Any:
        now = clock()
        if state[0] is not None:
            spent[state[0]] += now - state[1]
        if event == "line":
            state[0] = frame.f_lineno
            hits[frame.f_lineno] += 1
        elif event == "return":
            state[0] = None
        state[1] = clock()
        return local

    def global_trace(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code is code else None

    deadline = clock() + budget_s
    saved, sys.stdout = sys.stdout, NullOutput()
    try:
        for blob in blobs:
            if clock() > deadline:
                break
            args, kwargs = load_input(blob)
            sys.settrace(global_trace)
            try:
                func(*args, **kwargs)
            except Exception:
                pass
            finally:
                sys.settrace(None)
                state[0] = None
    finally:
        sys.stdout = saved
    total = sum(spent.values()) or 1.0
    return {line: [spent[line] / total, hits[line]] for line in spent}


def _resample(value: Any, n: int, rng: random.Random) -> Any:
    """A value like `value` with n elements drawn from its own; sortedness is kept."""
    if isinstance(value, dict):
        items = list(value.items())
        if n > len(items):
            return None  # keys must stay unique: cannot grow a dict by resampling
        return dict(rng.sample(items, n))
    elems = list(value)
    if not elems:
        return None
    drawn = [rng.choice(elems) for _ in range(n)]
    if _orderable(elems) and elems == sorted(elems):
        drawn.sort()
    if isinstance(value, str):
        return "".join(drawn)
    if isinstance(value, bytes):
        return bytes(drawn)
    return type(value)(drawn)


def _orderable(elems: list) -> bool:
    try:
        sorted(elems)
        return True
    except TypeError:
        return False


def growth_label(exponent: float) -> str:
    if exponent < 0.3:
        return "constant"
    if exponent < 1.25:
        return "linear" if exponent < 1.1 else "n log n"
    if exponent < 1.75:
        return "n^1.5"
    if exponent < 2.5:
        return "quadratic"
    return "cubic or worse"


def scaling(
    func: Any, blobs: list[bytes], *, mutates: bool, lazy: bool, budget_s: float, seed: int = 0
) -> dict | None:
    """Time against input size, growing the sized arguments of the largest real input whose
    size varies between the real inputs (a separator that is always ", " is not grown).

    Other arguments keep their real values, and elements are drawn from the real ones, so
    the workload stays realistic. Each grown call must finish within what is left of the
    budget: past it, the points measured so far are the answer, with a note. None when no
    argument has a size."""
    if not blobs:
        return None
    loaded = [load_input(b) for b in blobs]

    def size(call: tuple[tuple, dict]) -> int:
        return sum(len(v) for v in (*call[0], *call[1].values()) if isinstance(v, SIZED))

    args, kwargs = max(loaded, key=size)
    sized = [i for i, v in enumerate(args) if isinstance(v, SIZED)]
    sized_kw = [k for k, v in kwargs.items() if isinstance(v, SIZED)]
    if not sized and not sized_kw:
        return None
    if len(loaded) > 1:
        varying = [i for i in sized if len(_sizes(loaded, i)) > 1]
        varying_kw = [k for k in sized_kw if len(_sizes(loaded, k)) > 1]
        if varying or varying_kw:
            sized, sized_kw = varying, varying_kw
    deadline = time.perf_counter() + budget_s
    first = call(func, args, kwargs, timeout=budget_s)
    if first.timed_out or first.exc_type:
        return None
    rng = random.Random(seed)
    run = runner(func, lazy)
    points: list[list[float]] = []
    note = None
    n = 8
    saved, sys.stdout = sys.stdout, NullOutput()
    try:
        while n <= 1 << 16 and time.perf_counter() < deadline:
            new_args = list(args)
            new_kwargs = dict(kwargs)
            for i in sized:
                new_args[i] = _resample(args[i], n, rng)
            for k in sized_kw:
                new_kwargs[k] = _resample(kwargs[k], n, rng)
            if any(v is None for v in (*new_args, *new_kwargs.values())):
                break
            grown = (tuple(new_args), new_kwargs)
            probe = call(
                func, grown[0], grown[1], timeout=max(0.001, deadline - time.perf_counter())
            )
            if probe.timed_out:
                note = f"stopped at size {n}: one call took longer than the time left"
                break
            if probe.exc_type:
                break  # the resampled input left the function's domain
            batches = Batches([pickle.dumps(grown, protocol=5)], mutates)
            loops, per_call = calibrate(run, lambda n, b=batches: b.get(0, n), 0.001)
            samples = [per_call] + [run(batches.get(0, loops)) / loops for _ in range(2)]
            t = min(samples)
            points.append([n, t])
            if t > 0.05:
                break
            n *= 2
    finally:
        sys.stdout = saved
    usable = [(math.log(n), math.log(t)) for n, t in points if t >= 5e-6]
    if len(usable) < 3:
        return {"points": points, "exponent": None, "label": None, "note": note}
    mx = statistics.fmean(x for x, _ in usable)
    my = statistics.fmean(y for _, y in usable)
    sxx = sum((x - mx) ** 2 for x, _ in usable)
    slope = sum((x - mx) * (y - my) for x, y in usable) / sxx
    return {"points": points, "exponent": round(slope, 2), "label": growth_label(slope),
            "note": note}  # fmt: skip


def _sizes(loaded: list[tuple[tuple, dict]], where: int | str) -> set[int]:
    """The lengths one argument (a position or a keyword) took over the real inputs."""
    found = set()
    for args, kwargs in loaded:
        value = (
            args[where]
            if isinstance(where, int) and where < len(args)
            else (kwargs.get(where) if isinstance(where, str) else None)
        )
        if isinstance(value, SIZED):
            found.add(len(value))
    return found
