"""Run the workspace's pytest tests in the worker: record the target's real calls, or run
the tests that reach it with a candidate patched in.

The tracer is limited to the target's code object: `sys.monitoring` on 3.12+ (events are
disabled at every other code location after their first hit), `sys.settrace` with no
local tracing elsewhere on 3.11.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from pathlib import Path
from typing import Any

from . import loader
from .arguments import Pickled, pickled_call


class Recorder:
    """Records outermost calls of one function, pickled at entry (a deep copy), deduplicated."""

    def __init__(
        self, file: Path, qualname: str, limit: int, lines: tuple[int, int] | None = None
    ) -> None:
        # A property's getter and setter share a qualname: the def's lines tell them apart.
        self.file, self.qualname, self.limit = file, loader.split_accessor(qualname)[0], limit
        self.lines = lines
        self.code: Any = None
        self.calls: list[bytes] = []
        self.seen: set[bytes] = set()
        self.skipped = 0  # unpicklable calls
        self.truncated = 0  # calls kept with a prefix of an unbounded iterator argument
        self.total = 0
        self.depth = 0
        self.current_test: str | None = None
        self.reaching: set[str] = set()
        self._busy = False
        self._start: int | None = None
        self._hook: Any = None  # entry_hook.EntryHook, on 3.11 once the tests are collected

    def matches(self, code: Any) -> bool:
        if self.code is not None:
            return code is self.code
        if not self.is_target(code):
            return False
        self.code = code
        return True

    def is_target(self, code: Any) -> bool:
        if code.co_qualname != self.qualname or not loader.same_file(code.co_filename, self.file):
            return False
        return not self.lines or self.lines[0] <= code.co_firstlineno <= self.lines[1]

    def enter(self, frame: Any, resumed: bool = False) -> None:
        self.depth += 1
        if self.current_test:
            self.reaching.add(self.current_test)
        if self.depth > 1 or self._busy or resumed:
            return  # recursive inner calls and generators resumed are not new calls
        self.total += 1
        if len(self.calls) >= self.limit:
            return
        self._busy = True
        try:
            pickled = pickled_call(frame)
        except Exception:  # noqa: BLE001 - never into the user's test: the call is skipped
            pickled = Pickled(None)
        finally:
            self._busy = False
        if pickled.blob is None:
            self.skipped += 1
            return
        blob = pickled.blob
        self.truncated += pickled.truncated
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

    def trace_less(self) -> None:
        """3.11, once the tests are collected: the target's own code records its calls,
        and the tracer, which slows every call of the suite, is switched off. Where the
        target is not imported yet, or its code cannot be copied, tracing goes on."""
        if sys.version_info >= (3, 12) or self._hook is not None and self._hook.swapped:
            return
        from .entry_hook import EntryHook

        self._hook = self._hook or EntryHook(self.qualname.rsplit(".", 1)[-1], self.is_target)
        if self._hook.install(self._hooked_enter, self.leave):
            sys.settrace(None)
            threading.settrace(None)  # type: ignore[arg-type]

    def _hooked_enter(self) -> None:
        from .entry_hook import RESUMABLE

        frame = sys._getframe(1)
        if not frame.f_code.co_flags & RESUMABLE:
            self.enter(frame)  # leave() comes from the copy's `finally`
            return
        # A generator or coroutine: no leave at each yield, so depth cannot say whether it
        # runs inside itself (`yield from walk(child)`); its callers' frames can.
        outer, inner = frame.f_back, False
        for _ in range(200):
            if outer is None:
                break
            if outer.f_code is frame.f_code:
                inner = True
                break
            outer = outer.f_back
        self.enter(frame, resumed=inner)
        self.leave()

    def stop(self) -> None:
        if self._hook is not None:
            self._hook.remove()
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
            # 3.11 reports each resumption of a generator or coroutine as a call event too
            self.enter(frame, resumed=frame.f_lasti > self._started_at())
            return self._local_trace
        return None

    def _started_at(self) -> int:
        """The offset of the code's first RESUME: a frame past it was started before."""
        if self._start is None:
            import dis

            ops = dis.get_instructions(self.code)
            self._start = next((i.offset for i in ops if i.opname == "RESUME"), 0)
        return self._start

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

        def on_return(code: Any, offset: int, value: Any) -> Any:
            if code is not self.code:
                return mon.DISABLE
            self.leave()
            return None

        def on_unwind(code: Any, offset: int, exc: BaseException) -> Any:
            # PY_UNWIND cannot be disabled per code object (returning DISABLE raises
            # ValueError inside every unwinding frame): it is filtered here instead.
            if code is self.code:
                self.leave()
            return None

        mon.register_callback(self._tool, mon.events.PY_START, on_start)
        mon.register_callback(self._tool, mon.events.PY_RETURN, on_return)
        mon.register_callback(self._tool, mon.events.PY_UNWIND, on_unwind)
        mon.set_events(
            self._tool, mon.events.PY_START | mon.events.PY_RETURN | mon.events.PY_UNWIND
        )


class TestOutcomes:
    """pytest hooks shared by the capture and the patched runs: per-test pass/fail."""

    def __init__(self, recorder: Recorder | None = None) -> None:
        self.recorder = recorder
        self.outcomes: dict[str, str] = {}
        self.messages: dict[str, str] = {}

    def pytest_collection_finish(self, session: Any) -> None:
        if self.recorder:
            self.recorder.trace_less()

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


# Plugins that Afterburner's own development extra installs: when the user's run fails to
# start with them loaded (a deprecation warning turned into an error by the user's
# `filterwarnings = error`), it is tried once more without them.
OWN_PLUGINS = ("pytest-lsp", "asyncio", "timeout")
_STARTED = (0, 1, 5)  # passed, some failed, no tests collected: pytest ran


def run_pytest(root: Path, selection: list[str], plugin: Any, extra: tuple = ()) -> tuple[int, str]:
    """pytest's exit status and, when it did not run the tests, the end of what it printed."""
    import contextlib
    import io

    import pytest

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = int(pytest.main([*pytest_args(root, selection), *extra], plugins=[plugin]))
    return code, "" if code in _STARTED else _pytest_message(printed.getvalue(), code)


def _pytest_message(text: str, code: int) -> str:
    """pytest's own words: the last line that names an error, else its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    named = [ln for ln in lines if re.search(r"\w+(Error|Warning|Exception)\b:?", ln)]
    shown = (named or lines or ["(nothing printed)"])[-1]
    return f"pytest exited with status {code}: {shown[:300]}"


def run_as_configured(root: Path, selection: list[str], plugin: Any) -> tuple[int, list[str]]:
    """Run the user's tests as the user would; if that does not start, once more without
    Afterburner's own plugins. Returns the status and what went wrong, in words."""
    code, message = run_pytest(root, selection, plugin)
    if code in _STARTED:
        return code, []
    problems = [f"your tests did not run: {message}"]
    blocked = tuple(a for name in OWN_PLUGINS for a in ("-p", f"no:{name}"))
    retry, _ = run_pytest(root, selection, plugin, blocked)
    if retry in _STARTED:
        problems.append("they ran without the plugins of Afterburner's development extra "
                        f"({', '.join(OWN_PLUGINS)}); uninstall those from the workspace "
                        "interpreter if your project does not use them")  # fmt: skip
    return retry, problems


def capture(
    root: Path, file: Path, qualname: str, test_files: list[str], limit: int,
    more_files: list[str] = (), lines: tuple[int, int] | None = None,
) -> dict:  # fmt: skip
    """Calls of the target in the tests that name it; when they make none, in the tests that
    import its package (reached through other functions)."""
    recorder = Recorder(file, qualname, limit, lines)
    hooks = TestOutcomes(recorder)
    path_before = list(sys.path)
    problems: list[str] = []
    ran: list[str] = []
    recorder.start()
    try:
        for selection in (list(test_files), [f for f in more_files if f not in test_files]):
            if not selection or recorder.total:
                continue
            ran += selection
            problems += run_as_configured(root, selection, hooks)[1]
    finally:
        recorder.stop()
    reaching = sorted(recorder.reaching)
    return {
        "calls": recorder.calls,
        "skipped_unpicklable": recorder.skipped,
        "truncated_iterators": recorder.truncated,
        "total_calls": recorder.total,
        "reaching_tests": reaching,
        "passing_tests": [t for t in reaching if hooks.outcomes.get(t) == "passed"],
        "failing_tests": {
            t: hooks.messages.get(t, "") for t in reaching if hooks.outcomes.get(t) == "failed"
        },
        "problems": problems,
        "test_files_run": ran,
        # where pytest imported test modules from: inputs may hold their objects
        "sys_path": [p for p in sys.path if p not in path_before and Path(p).is_dir()],
    }


def run_patched(
    root: Path, file: Path, qualname: str, source: str, filename: str, tests: list[str]
) -> dict:
    patcher = Patcher(file, qualname, source, filename)
    run_as_configured(root, [f"{root}/{nodeid}" for nodeid in tests], patcher)
    failed = {
        t: patcher.messages.get(t, "did not run")
        for t in tests
        if patcher.outcomes.get(t) != "passed"
    }
    return {"error": patcher.error, "failed": failed, "ran": len(patcher.outcomes)}
