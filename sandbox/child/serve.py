"""A worker session: one side (the original or the candidate) loaded once, then driven by the
parent one operation at a time over the request and result pipes.

The worker reports only what its calls produced, encoded as plain data (`encode.py`); it
never measures time for the verdict nor sees the other side's results. The parent reads the
worker's CPU time from the kernel around each `run` and keeps the other side stopped
meanwhile, so nothing in here can make either side look faster.
"""

from __future__ import annotations

import gc
import inspect
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import loader
from .calls import NullOutput, Outcome, call, describe_input, load_input, materialize
from .encode import Encoder, TooLarge

Channel = Callable[[dict], dict]  # send a question to the parent, get its answer


def encode_outcome(outcome: Outcome) -> dict:
    """The frame for one call: what it returned or raised, printed, and left in its arguments."""
    frame: dict[str, Any] = {
        "elapsed": outcome.elapsed,
        "timed_out": outcome.timed_out,
        "stdout": outcome.stdout,
        "stdout_size": outcome.stdout_size,
        "exc_type": outcome.exc_type,
        "exc_text": outcome.exc_text,
        "too_large": None,
    }
    enc = Encoder()
    try:
        frame["value"] = enc(outcome.value) if outcome.exc_type is None else None
        frame["args"] = [enc(a) for a in outcome.args]
        frame["kwargs"] = enc(outcome.kwargs or {})
    except TooLarge as exc:
        frame.update(value=None, args=[], kwargs=None, too_large=str(exc))
    return frame


class Side:
    """The loaded function and its inputs in this worker."""

    def __init__(self, request: dict) -> None:
        mod = loader.import_target_module(Path(request["file"]))
        qualname = request["qualname"]
        if request["role"] == "candidate":
            entry = loader.candidate_entry(
                mod, qualname, request["candidate"], request["candidate_filename"]
            )
        else:
            entry = loader.original_entry(mod, qualname)
        self.module, self.qualname = mod, qualname
        self.func = loader.callable_of(entry, qualname)
        plain = inspect.unwrap(self.func)
        self.lazy = inspect.isgeneratorfunction(plain) or inspect.iscoroutinefunction(plain)
        self.blobs: list[bytes] = list(request["inputs"])
        self.batch: list[tuple[tuple, dict]] = []
        self.results: list[Any] = []
        self.collected = False

    def owner(self) -> Any:
        return loader.owner_of(self.module, self.qualname)

    # -- equivalence -------------------------------------------------------------------
    def outcomes(self, op: dict) -> dict:
        frames, mutated, first = [], [], None
        for index, timeout in zip(op["indices"], op["timeouts"], strict=True):
            args, kwargs = load_input(self.blobs[index])
            outcome = call(self.func, args, kwargs, timeout=timeout)
            frames.append(encode_outcome(outcome))
            if first is None:
                first = self.state({})
            before = Encoder()
            after = frames[-1]
            try:
                b_args, b_kwargs = load_input(self.blobs[index])
                changed = [before(a) for a in b_args] != after["args"] or (
                    before(b_kwargs) != after["kwargs"]
                )
            except TooLarge:
                changed = True
            mutated.append(changed)
        shown = [describe(self.blobs[i]) for i in op["indices"]]
        answer = {"outcomes": frames, "mutated": mutated, "lazy": self.lazy, "shown": shown,
                  "state_first": first, "state_last": self.state({})}  # fmt: skip
        if op.get("hints"):
            from .hints import hints

            answer["hints"] = hints(self.func, [self.blobs[i] for i in op["indices"]])
        return answer

    def state(self, op: dict) -> dict:
        """Where this side could keep results between calls, a digest each (state.py)."""
        from .state import places

        return places(getattr(inspect.unwrap(self.func), "__globals__", None) or {})

    def call_blob(self, op: dict) -> dict:
        args, kwargs = pickle.loads(op["blob"])
        return encode_outcome(call(self.func, tuple(args), dict(kwargs), timeout=op["timeout"]))

    # -- timing --------------------------------------------------------------------------
    def prepare(self, op: dict) -> dict:
        """Build the next batch before the parent starts counting: fresh copies of every
        input when the function mutates its arguments, shared ones otherwise. The collector
        runs while timing, as it does in the user's program and in the equivalence calls:
        with it off, each side collected on its own schedule when garbage piled up, and
        identical code with cycles spread 0.55x-1.9x pair to pair. Both sides start the
        first batch from a full collection, untimed, so they start in step."""
        loops, blobs = op["loops"], [self.blobs[i] for i in op["indices"]]
        self.batch, self.results = [], []
        gc.enable()
        if not self.collected:
            gc.collect()
            self.collected = True
        if op["mutates"]:
            self.batch = [load_input(b) for _ in range(loops) for b in blobs]
        else:
            self.batch = [load_input(b) for b in blobs] * loops
        # The fast path: positional calls collected by a comprehension. `func(*a, **{})` and
        # a bound `append` per call cost ~80 ns here, 8% of a 1 us function on both sides.
        plain = op.get("plain") and not self.lazy and not any(k for _, k in self.batch)
        self.positional = [a for a, _ in self.batch] if plain else None
        return {"calls": len(self.batch)}

    def run(self, op: dict) -> dict:
        """The timed part: every prepared call, results kept for the parent's samples."""
        func, lazy, batch = self.func, self.lazy, self.batch
        saved, sys.stdout = sys.stdout, NullOutput()
        try:
            if self.positional is not None:
                try:
                    self.results = [func(*a) for a in self.positional]
                except Exception:  # noqa: BLE001 - the parent redoes the pair the slow way
                    self.results = []
                    return {"calls": len(batch), "raised": True}
                return {"calls": len(batch)}
            keep = self.results.append
            for a, k in batch:
                try:
                    r = func(*a, **k)
                    keep(materialize(r) if lazy else r)
                except Exception as exc:  # noqa: BLE001 - exceptions are behaviour, timed too
                    exc.__traceback__ = None
                    keep(exc)
        finally:
            sys.stdout = saved
        return {"calls": len(batch)}

    def sample(self, op: dict) -> dict:
        """What one timed call produced, so that the parent can check it against the other
        side's: a candidate that behaves differently while timed is caught here."""
        k = op["call"]
        a, kw = self.batch[k]
        result = self.results[k]
        raised = isinstance(result, BaseException)
        outcome = Outcome(
            value=None if raised else result,
            exc_type=type(result).__qualname__ if raised else None,
            args=a,
            kwargs=kw,
        )
        return encode_outcome(outcome)

    def memory(self, op: dict) -> dict:
        from . import memory

        return memory.peaks(self.func, self.blobs)

    def fuzz(self, op: dict, ask: Channel) -> dict:
        from . import fuzz

        return fuzz.drive(self.func, self.owner(), self.blobs, op, ask)


def describe(blob: bytes) -> str:
    args, kwargs = load_input(blob)
    return describe_input(args, kwargs)


def serve(request: dict, receive: Callable[[], dict], send: Callable[[dict], None]) -> None:
    """Answer operations until the parent sends `exit` or closes the pipe."""
    side: Side | None = None

    def ask(question: dict) -> dict:
        """A question to the parent; while it decides, it may ask this side to judge two
        values with the user's `__eq__` (the original's worker only: see rebuild.py)."""
        send({"ask": question})
        while True:
            frame = receive()
            if not (isinstance(frame, dict) and frame.get("op") == "equal"):
                return frame
            send({"ok": True, "result": _equal(request, frame)})

    while True:
        op = receive()
        name = op.get("op")
        if name == "exit":
            return
        try:
            if name == "load":
                side = Side({**request, **op})
                result: Any = {"lazy": side.lazy, "note": request.get("side_note")}
            elif name == "equal":
                result = _equal(request, op)
            elif side is None or name not in _OPS:
                raise ValueError(f"unknown or premature operation {name!r}")
            elif name == "fuzz":
                result = side.fuzz(op, ask)
            else:
                result = getattr(side, _OPS[name])(op)
            send({"ok": True, "result": result})
        except MemoryError:
            send({"ok": False, "kind": "memory limit", "error": "the worker ran out of memory"})
        except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
            import traceback

            send(
                {
                    "ok": False,
                    "kind": "error",
                    "error": f"{type(exc).__name__}: {exc}"[:2000],
                    "traceback": traceback.format_exc(limit=8)[-4000:],
                }
            )


def _equal(request: dict, op: dict) -> bool | None:
    if request.get("role") != "original":
        raise ValueError("only the original's worker judges equality")
    from .rebuild import equal

    return equal(op.get("a"), op.get("b"))


_OPS = {
    "outcomes": "outcomes",
    "call": "call_blob",
    "prepare": "prepare",
    "run": "run",
    "sample": "sample",
    "memory": "memory",
    "fuzz": "fuzz",
    "state": "state",
}
