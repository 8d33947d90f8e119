"""Where a whole run's CPU time goes, by workspace function: a statistical profiler for
`afterburner scan`, cheap enough to leave on for a whole test suite.

A CPU-time interval timer (SIGPROF) interrupts the main thread about every millisecond;
the handler walks the stack once and charges the CPU time since the last sample (so ticks
merged during a long C call are not lost) to:
- self: the innermost frame that belongs to the workspace. Time in builtins, the standard
  library or installed packages that a workspace function calls is its own: that is the
  time a rewrite of it can save. (cProfile's `tottime` leaves it to the callee.)
- total: every workspace function on the stack, once per sample (recursion counts once).
Comprehensions, generator expressions and lambdas are charged to the def around them.

Calls are counted on Python 3.12+ with `sys.monitoring`, whose events are disabled at
every code object outside the workspace after its first call; Python 3.11 has no cheap
way to count them (a `sys.settrace` hook would run Python code on every call of the
suite), so calls are left unknown there.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import Counter
from typing import Any

INTERVAL_S = 0.001
CO_OPTIMIZED = 0x1  # set on functions' code; not on module or class bodies
FOLDED = ("<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>", "<lambda>")
_TEST_NAME = ("test_", "conftest")
# not the workspace's own code: installed packages, build copies (as the scan's cache key,
# sandbox/capture_cache.py, leaves them out), tests
_OUTSIDE_DIRS = {"site-packages", "dist-packages", "node_modules", "__pycache__", "build", "dist",
                 "tests", "test"}  # fmt: skip


def workspace_key(filename: str, qualname: str, root: str) -> tuple[str, str] | None:
    """(path relative to root, qualname of the def) when the code is the workspace's own
    non-test code; None for tests, conftest files, installed packages (a virtual environment
    inside the workspace holds them in site-packages) and everything else."""
    if not filename.startswith(root + os.sep) or not filename.endswith(".py"):
        return None
    rel = filename[len(root) + 1 :]
    parts = rel.split(os.sep)
    name = parts[-1]
    if name.startswith(_TEST_NAME) or name.endswith("_test.py"):
        return None
    if any(p in _OUTSIDE_DIRS or p.startswith(".") for p in parts[:-1]):
        return None
    names = qualname.split(".")
    while names and (names[-1] in FOLDED or names[-1] == "<locals>"):
        names.pop()
    if not names or names == ["<module>"]:
        return (rel, "<module>")
    return (rel, ".".join(names))


class Sampler:
    """Time per workspace function while running; `result()` is plain data."""

    def __init__(self, root: str, interval_s: float = INTERVAL_S) -> None:
        self.root = os.path.realpath(root)
        self.interval_s = interval_s
        self.keys: dict[Any, tuple[str, str] | None] = {}  # code object -> its function
        self.first_line: dict[tuple[str, str], int] = {}
        self.self_s: Counter = Counter()
        self.total_s: Counter = Counter()
        self.calls: Counter = Counter()
        self.sampled_s = 0.0
        self.samples = 0
        self._last = 0.0
        self._previous: Any = None
        self._tool: int | None = None

    def _key(self, code: Any) -> tuple[str, str] | None:
        try:
            return self.keys[code]
        except KeyError:
            filename = os.path.realpath(code.co_filename)
            qualname = getattr(code, "co_qualname", code.co_name)
            if not code.co_flags & CO_OPTIMIZED:  # a class body runs with its module
                qualname = "<module>"
            key = workspace_key(filename, qualname, self.root)
            self.keys[code] = key
            if key is not None and qualname.split(".")[-1] not in FOLDED:
                self.first_line.setdefault(key, code.co_firstlineno)
            return key

    def _tick(self, signum: int, frame: Any) -> None:
        now = time.process_time()
        spent, self._last = now - self._last, now
        self.samples += 1
        self.sampled_s += spent
        innermost = True
        seen = set()
        while frame is not None:
            key = self._key(frame.f_code)
            if key is not None:
                if innermost:
                    self.self_s[key] += spent
                    innermost = False
                if key not in seen:
                    seen.add(key)
                    self.total_s[key] += spent
            frame = frame.f_back

    def start(self) -> None:
        self._last = time.process_time()
        self._previous = signal.signal(signal.SIGPROF, self._tick)
        signal.siginterrupt(signal.SIGPROF, False)  # blocking calls in C resume, not fail
        signal.setitimer(signal.ITIMER_PROF, self.interval_s, self.interval_s)
        if sys.version_info >= (3, 12):
            self._count_calls()

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, self._previous or signal.SIG_DFL)
        if self._tool is not None:
            mon = sys.monitoring
            mon.set_events(self._tool, 0)
            mon.register_callback(self._tool, mon.events.PY_START, None)
            mon.free_tool_id(self._tool)
            self._tool = None

    def _count_calls(self) -> None:  # pragma: no cover - exercised on 3.12+
        mon = sys.monitoring
        free = [t for t in range(mon.PROFILER_ID, 6) if mon.get_tool(t) is None]
        if not free:
            return  # another profiler holds every tool id: calls stay unknown
        self._tool = free[0]
        mon.use_tool_id(self._tool, "afterburner-scan")
        calls = self.calls

        def on_start(code: Any, offset: int) -> Any:
            key = self._key(code)
            if key is None or code.co_name in FOLDED:
                return mon.DISABLE
            calls[key] += 1
            return None

        mon.register_callback(self._tool, mon.events.PY_START, on_start)
        mon.set_events(self._tool, mon.events.PY_START)

    def result(self) -> dict:
        counted = self.calls if sys.version_info >= (3, 12) else None
        functions = [
            {
                "file": key[0],
                "qualname": key[1],
                "line": self.first_line.get(key, 0),
                "self_s": round(self.self_s.get(key, 0.0), 6),
                "total_s": round(self.total_s.get(key, 0.0), 6),
                "calls": None if counted is None else counted.get(key, 0),
            }
            # functions called but never sampled count too: their calls are known
            for key in {*self.total_s, *(counted or {})}
        ]
        return {
            "functions": functions,
            "sampled_s": round(self.sampled_s, 6),
            "samples": self.samples,
            "interval_s": self.interval_s,
            "calls_counted": counted is not None,
        }
