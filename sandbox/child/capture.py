"""Run the workspace's pytest tests in the worker: record the target's real calls, or run
the tests that reach it with a candidate patched in.

The tracer is limited to the target's code object: `sys.monitoring` on 3.12+ (events are
disabled at every other code location after their first hit), `sys.settrace` with no
local tracing elsewhere on 3.11.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import re
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


ITERATOR_ITEMS = 10_000  # a generator argument longer than this is not captured


DEEP_STACK = 64 << 20  # bytes of C stack for pickling deep values: ~100,000 levels
DEEP_LIMIT = 100_000


def _dumps_deep(value: Any) -> bytes | None:
    """pickle.dumps of a value nested deeper than the recursion limit allows (real tests
    build linked lists of thousands of nodes): in a thread with a large stack, under a
    higher limit; None when it still does not pickle. From Python 3.12 on, C recursion has
    a fixed limit of its own (a few thousand levels), which no setting lifts."""
    out: list[bytes] = []

    def run() -> None:
        with contextlib.suppress(Exception):
            out.append(pickle.dumps(value, protocol=5))

    old_limit = sys.getrecursionlimit()
    try:
        old_stack = threading.stack_size(DEEP_STACK)
    except (ValueError, RuntimeError):
        return None
    sys.setrecursionlimit(max(old_limit, DEEP_LIMIT))
    try:
        thread = threading.Thread(target=run, name="afterburner-deep-pickle")
        thread.start()
        thread.join()
    except RuntimeError:  # no thread with such a stack under this address-space limit
        return None
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    return out[0] if out else None


def _with_iterators_listed(frame: Any) -> bytes | None:
    """The call's arguments with each generator (or other one-shot iterator) argument read
    into a list and passed on as an iterator over it, to the test as to the capture; None
    when something else does not pickle, or a generator runs past ITERATOR_ITEMS (the test
    then gets the items read so far chained before the rest, and nothing is captured)."""
    import itertools

    from .encode import is_builtin_iterator

    code, local = frame.f_code, frame.f_locals
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    complete = True
    for name in names:
        value = local.get(name)
        if not is_builtin_iterator(value):  # generators, map, zip, itertools; not files
            continue
        items = list(itertools.islice(value, ITERATOR_ITEMS + 1))
        if len(items) > ITERATOR_ITEMS:
            _set_local(frame, name, itertools.chain(items, value))
            complete = False
        else:
            _set_local(frame, name, iter(items))
    if not complete:
        return None
    try:
        return pickle.dumps(arguments_of(frame), protocol=5)
    except Exception:  # noqa: BLE001 - something else does not pickle
        return None


def _set_local(frame: Any, name: str, value: Any) -> None:
    """Rebind a parameter of a frame that has not run yet (its first instruction)."""
    frame.f_locals[name] = value
    if sys.version_info < (3, 13):  # before PEP 667, write the snapshot back
        import ctypes

        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))


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
        self.total = 0
        self.depth = 0
        self.current_test: str | None = None
        self.reaching: set[str] = set()
        self._busy = False

    def matches(self, code: Any) -> bool:
        if self.code is not None:
            return code is self.code
        if code.co_qualname != self.qualname or not loader.same_file(code.co_filename, self.file):
            return False
        if self.lines and not self.lines[0] <= code.co_firstlineno <= self.lines[1]:
            return False
        self.code = code
        return True

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
        except RecursionError:  # a linked list or a tree deeper than the recursion limit
            blob = _dumps_deep(arguments_of(frame))
            if blob is None:
                self.skipped += 1
                return
        except Exception:  # lambdas, generators, open files, local classes
            blob = _with_iterators_listed(frame)
            if blob is None:
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
    recorder.start()
    try:
        for selection in (list(test_files), [f for f in more_files if f not in test_files]):
            if not selection or recorder.total:
                continue
            problems += run_as_configured(root, selection, hooks)[1]
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
        "problems": problems,
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
