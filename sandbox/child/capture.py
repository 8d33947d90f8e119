"""Run the workspace's pytest tests in the worker: record the target's real calls, or run
the tests that reach it with a candidate patched in.

The tracer is limited to the target's code object: `sys.monitoring` on 3.12+ (events are
disabled at every other code location after their first hit), `sys.settrace` with no
local tracing elsewhere on 3.11.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

from . import loader

CO_VARARGS, CO_VARKEYWORDS = 0x04, 0x08


def arguments_of(frame: Any) -> tuple[tuple, dict]:
    """The call's arguments as (args, kwargs), read from a frame at its first instruction."""
    code, local = frame.f_code, frame.f_locals
    names = code.co_varnames
    n, kw = code.co_argcount, code.co_kwonlyargcount
    args = [local[names[i]] for i in range(n)]
    kwargs = {names[i]: local[names[i]] for i in range(n, n + kw)}
    i = n + kw
    if code.co_flags & CO_VARARGS:
        args.extend(local[names[i]])
        i += 1
    if code.co_flags & CO_VARKEYWORDS:
        kwargs.update(local[names[i]])
    return tuple(args), kwargs


class Recorder:
    """Records outermost calls of one function, pickled at entry (a deep copy), deduplicated."""

    def __init__(self, file: Path, qualname: str, limit: int) -> None:
        self.file, self.qualname, self.limit = file, qualname, limit
        self.code: Any = None
        self.calls: list[bytes] = []
        self.seen: set[bytes] = set()
        self.skipped = 0  # unpicklable calls
        self.total = 0
        self.depth = 0
        self.current_test: str | None = None
        self.reaching: set[str] = set()
        self._busy = False

    def matches(self, code: Any) -> bool:
        if self.code is not None:
            return code is self.code
        if code.co_qualname == self.qualname and loader.same_file(code.co_filename, self.file):
            self.code = code
            return True
        return False

    def enter(self, frame: Any) -> None:
        self.depth += 1
        if self.current_test:
            self.reaching.add(self.current_test)
        if self.depth > 1 or self._busy:
            return  # recursive inner calls are not workloads of their own
        self.total += 1
        if len(self.calls) >= self.limit:
            return
        self._busy = True
        try:
            blob = pickle.dumps(arguments_of(frame), protocol=5)
        except Exception:  # lambdas, generators, open files, local classes
            self.skipped += 1
            return
        finally:
            self._busy = False
        digest = hashlib.blake2b(blob, digest_size=16).digest()
        if digest not in self.seen:
            self.seen.add(digest)
            self.calls.append(blob)

    def leave(self) -> None:
        self.depth = max(0, self.depth - 1)

    # -- tracer installation ------------------------------------------------------------
    def start(self) -> None:
        if sys.version_info >= (3, 12):
            self._start_monitoring()
        else:
            sys.settrace(self._global_trace)
            threading.settrace(self._global_trace)

    def stop(self) -> None:
        if sys.version_info >= (3, 12):
            mon = sys.monitoring
            mon.set_events(self._tool, 0)
            mon.register_callback(self._tool, mon.events.PY_START, None)
            mon.register_callback(self._tool, mon.events.PY_RETURN, None)
            mon.register_callback(self._tool, mon.events.PY_UNWIND, None)
            mon.free_tool_id(self._tool)
        else:
            sys.settrace(None)
            threading.settrace(None)  # type: ignore[arg-type]

    def _global_trace(self, frame: Any, event: str, arg: Any) -> Any:
        if event == "call" and self.matches(frame.f_code):
            self.enter(frame)
            return self._local_trace
        return None

    def _local_trace(self, frame: Any, event: str, arg: Any) -> Any:
        if event == "return":
            self.leave()
        return self._local_trace

    def _start_monitoring(self) -> None:  # pragma: no cover - exercised on 3.12+
        mon = sys.monitoring
        self._tool = next(t for t in range(mon.PROFILER_ID, 6) if mon.get_tool(t) is None)
        mon.use_tool_id(self._tool, "afterburner")

        def on_start(code: Any, offset: int) -> Any:
            if not self.matches(code):
                return mon.DISABLE
            self.enter(sys._getframe(1))
            return None

        def on_end(code: Any, offset: int, *rest: Any) -> Any:
            if code is not self.code:
                return mon.DISABLE
            self.leave()
            return None

        mon.register_callback(self._tool, mon.events.PY_START, on_start)
        mon.register_callback(self._tool, mon.events.PY_RETURN, on_end)
        mon.register_callback(self._tool, mon.events.PY_UNWIND, on_end)
        mon.set_events(
            self._tool, mon.events.PY_START | mon.events.PY_RETURN | mon.events.PY_UNWIND
        )


class TestOutcomes:
    """pytest hooks shared by the capture and the patched runs: per-test pass/fail."""

    def __init__(self, recorder: Recorder | None = None) -> None:
        self.recorder = recorder
        self.outcomes: dict[str, str] = {}
        self.messages: dict[str, str] = {}

    def pytest_runtest_setup(self, item: Any) -> None:
        if self.recorder:
            self.recorder.current_test = item.nodeid

    def pytest_runtest_teardown(self, item: Any) -> None:
        if self.recorder:
            self.recorder.current_test = None

    def pytest_runtest_logreport(self, report: Any) -> None:
        previous = self.outcomes.get(report.nodeid, "passed")
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
            self.messages[report.nodeid] = _failure_line(report)
        elif report.skipped and report.when != "teardown":
            self.outcomes[report.nodeid] = "skipped"
        else:
            self.outcomes[report.nodeid] = previous


class Patcher(TestOutcomes):
    """Swaps the candidate in once every test module is imported, before any test runs."""

    def __init__(self, file: Path, qualname: str, source: str, filename: str) -> None:
        super().__init__()
        self.file, self.qualname, self.source, self.filename = file, qualname, source, filename
        self.error: str | None = None

    def pytest_collection_finish(self, session: Any) -> None:
        try:
            mod = loader.import_target_module(self.file)
            old = loader.original_entry(mod, self.qualname)
            new = loader.candidate_entry(mod, self.qualname, self.source, self.filename)
            loader.install(mod, self.qualname, old, new)
        except Exception as exc:  # noqa: BLE001 - reported as the verdict
            self.error = f"{type(exc).__name__}: {exc}"
            session.shouldstop = "candidate could not be installed"


def _failure_line(report: Any) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return f"{crash.message.splitlines()[0][:200]}"
    return str(report.longrepr).strip().splitlines()[-1][:200] if report.longrepr else "failed"


def pytest_args(root: Path, selection: list[str]) -> list[str]:
    return [
        *selection,
        "-q",
        "--rootdir",
        str(root),
        "-p",
        "no:cacheprovider",
        "-p",
        "no:randomly",
        "-p",
        "no:xdist",
        "-o",
        "addopts=",
        "--no-header",
        "-W",
        "ignore::pytest.PytestUnraisableExceptionWarning",
    ]


def run_pytest(root: Path, selection: list[str], plugin: Any) -> int:
    import pytest

    return int(pytest.main(pytest_args(root, selection), plugins=[plugin]))


def capture(root: Path, file: Path, qualname: str, test_files: list[str], limit: int) -> dict:
    recorder = Recorder(file, qualname, limit)
    hooks = TestOutcomes(recorder)
    recorder.start()
    try:
        run_pytest(root, test_files, hooks)
    finally:
        recorder.stop()
    reaching = sorted(recorder.reaching)
    return {
        "calls": recorder.calls,
        "skipped_unpicklable": recorder.skipped,
        "total_calls": recorder.total,
        "reaching_tests": reaching,
        "passing_tests": [t for t in reaching if hooks.outcomes.get(t) == "passed"],
        "failing_tests": {
            t: hooks.messages.get(t, "") for t in reaching if hooks.outcomes.get(t) == "failed"
        },
    }


def run_patched(
    root: Path, file: Path, qualname: str, source: str, filename: str, tests: list[str]
) -> dict:
    patcher = Patcher(file, qualname, source, filename)
    run_pytest(root, [f"{root}/{nodeid}" for nodeid in tests], patcher)
    failed = {
        t: patcher.messages.get(t, "did not run")
        for t in tests
        if patcher.outcomes.get(t) != "passed"
    }
    return {"error": patcher.error, "failed": failed, "ran": len(patcher.outcomes)}
