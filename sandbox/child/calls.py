"""One call of user code: arguments in, an Outcome out (value, exception, output, mutation)."""

from __future__ import annotations

import inspect
import io
import os
import pickle
import signal
import sys
import time
import types
from contextlib import redirect_stdout
from dataclasses import dataclass
from typing import Any

_STDOUT_CAP = 1 << 20


class CallTimeout(BaseException):
    """Raised inside user code by the interval timer; BaseException so `except Exception`
    in user code cannot swallow it."""


_armed = [False]


def _on_alarm(signum: int, frame: Any) -> None:
    if _armed[0]:
        raise CallTimeout


def _arm(timeout: float | None) -> None:
    """Fire after `timeout`, then every 50 ms: user code can swallow one raise (at-fork
    handlers and __del__ methods report exceptions as unraisable), not all of them."""
    if timeout:
        if signal.getsignal(signal.SIGALRM) is not _on_alarm:  # a host may have replaced it
            signal.signal(signal.SIGALRM, _on_alarm)
        _armed[0] = True
        signal.setitimer(signal.ITIMER_REAL, timeout, 0.05)


def _disarm() -> None:
    _armed[0] = False
    signal.setitimer(signal.ITIMER_REAL, 0)


signal.signal(signal.SIGALRM, _on_alarm)


class BoundedOutput(io.StringIO):
    """Keeps the first MiB of printed output and counts the rest, so a flood costs no memory."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        room = _STDOUT_CAP - self.tell()
        if room > 0:
            super().write(text[:room])
        return len(text)


class NullOutput:
    """Where printed output goes while timing: nowhere, at no cost to either side."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


@dataclass
class Outcome:
    value: Any = None
    exc_type: str | None = None
    exc_text: str | None = None
    stdout: str = ""
    stdout_size: int = 0
    args: tuple = ()
    kwargs: dict | None = None
    elapsed: float = 0.0
    timed_out: bool = False

    @property
    def out_of_scope(self) -> bool:
        """The original's own limits: a timeout or the recursion limit."""
        return self.timed_out or self.exc_type == "RecursionError"


def load_input(blob: bytes) -> tuple[tuple, dict]:
    args, kwargs = pickle.loads(blob)
    return tuple(args), dict(kwargs)


def describe_input(args: tuple, kwargs: dict, limit: int = 300) -> str:
    parts = [_safe_repr(a) for a in args] + [f"{k}={_safe_repr(v)}" for k, v in kwargs.items()]
    text = "(" + ", ".join(parts) + ")"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _safe_repr(value: Any) -> str:
    try:
        return repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


def materialize(value: Any) -> Any:
    """Run what a call hands back lazily, so laziness is compared and timed like work."""
    if isinstance(value, types.GeneratorType):
        return list(value)
    if inspect.iscoroutine(value):
        import asyncio  # only for coroutine functions: it costs ~50 ms to import

        return asyncio.run(value)
    return value


def call(func: Any, args: tuple, kwargs: dict, timeout: float | None = None) -> Outcome:
    out = BoundedOutput()
    outcome = Outcome(args=args, kwargs=kwargs)
    start = time.perf_counter()
    try:
        _arm(timeout)
        try:
            with redirect_stdout(out):
                outcome.value = materialize(func(*args, **kwargs))
        finally:
            _disarm()
    except CallTimeout:
        outcome.timed_out = True
    except RecursionError:
        outcome.exc_type, outcome.exc_text = "RecursionError", "maximum recursion depth exceeded"
    except Exception as exc:  # noqa: BLE001 - the exception is the observed behaviour
        outcome.exc_type = type(exc).__qualname__
        outcome.exc_text = _safe_repr(exc)[:300]
    finally:
        outcome.elapsed = time.perf_counter() - start
        reap_strays()
    outcome.stdout, outcome.stdout_size = out.getvalue(), out.size
    return outcome


def reap_strays() -> None:
    """Kill every process the call left behind. Only as init of our own PID namespace, where
    kill(-1) reaches exactly the namespace's other processes; elsewhere it would reach all."""
    if os.getpid() != 1:
        return
    try:
        others = [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]
    except OSError:
        return
    if others:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def recursion_headroom() -> None:
    """Leave user code the default recursion limit on top of our own frames."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000) + 50)
