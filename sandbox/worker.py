"""Sandboxed workers as the parent sees them: start one, talk to it, always get an answer.

A worker runs under the workspace's interpreter in a new session, behind user, network,
IPC, mount and PID namespaces where the kernel allows them, with resource limits, inside
the jail of child/jail.py locked by child/lockdown.py. Its request pipe is its stdin and
its result pipe its stdout (moved aside before user code runs); stderr is a pipe that this
side drains into a bounded buffer. Nothing the worker writes to a file is ever read back.
Twins (child/twins.py) add one pair of pipes per side.

A worker that hangs, crashes, floods, sends a malformed frame or runs out of memory yields a
failure string, never an exception or a hung caller; its whole process tree is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import hypothesis_cache, launch, protocol
from .channel import Channel, WorkerFailed, clean_report, ns_pid
from .errors import SandboxUnavailable
from .launch import Limits, kill_tree, namespace_flags, pids_hierarchy

__all__ = [
    "Limits", "Sandbox", "Worker", "WorkerFailed", "WorkerResult", "kill_tree", "namespace_flags"
]  # fmt: skip
_HYPOTHESIS_TASKS = ("inputs", "profile", "session", "twins")
_ROLES = ("original", "candidate")
_STDERR_KEEP = 64 * 1024


@dataclass
class WorkerResult:
    ok: bool
    result: Any = None
    failure: str | None = None  # "timeout", "memory limit", "crashed: SIGSEGV", ...
    isolation: dict = field(default_factory=dict)
    stderr_tail: str = ""
    wall_s: float = 0.0


def _close(*fds: int) -> None:
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass


class Worker:
    """One worker process: its own channel (stdin/stdout) and, for twins, one channel per
    side. Starting it reads the `ready` frame, the isolation report written before any user
    code ran."""

    def __init__(
        self,
        sandbox: Sandbox,
        setup: dict,
        limits: Limits,
        cancel: threading.Event | None,
        keep: list[str],
    ) -> None:
        self.limits, self.cancel, self._sandbox = limits, cancel, sandbox
        self.tmp = Path(tempfile.mkdtemp(prefix="afterburner-"))
        (self.tmp / "root").mkdir()
        self._stderr = bytearray()
        self.closed = False
        self.sides: dict[str, Channel] = {}
        task = setup.get("task")
        hypothesis = task in _HYPOTHESIS_TASKS
        tables = hypothesis_cache.tables_for(sandbox.python) if hypothesis else None
        pipes = {role: (os.pipe(), os.pipe()) for role in _ROLES} if task == "twins" else {}
        inherited = [x for req, res in pipes.values() for x in (req[0], res[1])]
        ours = [x for req, res in pipes.values() for x in (req[1], res[0])]
        home = os.environ.get("HOME")
        spec = launch.JailSpec(self.tmp, home, (*keep, *([str(tables)] if tables else [])),
                               limits.tmp_bytes, task == "twins")  # fmt: skip
        cmd, self.jail = launch.command(sandbox.python, sandbox.isolate, spec)
        flags = namespace_flags()[0] if self.jail == "own" else ()
        setup = {
            **setup,
            "tmp": str(self.tmp),
            "new_root": str(self.tmp / "root"),
            "jail": "--mount" in flags,
            "bwrap": self.jail == "bwrap",
            "userns": "--user" in flags or self.jail == "bwrap",
            "tmp_size": limits.tmp_bytes,
            "home": home,
            "keep": [*keep, cmd[-1], *([str(tables)] if tables else [])],
            "hypothesis_tables": str(tables) if tables else None,
            "channels": {r: [req[0], res[1]] for r, (req, res) in pipes.items()},
        }
        self.cgroup = launch.PidsCgroup(limits.processes)
        req_r, req_w = os.pipe()
        res_r, res_w = os.pipe()
        err_r, err_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                cmd,
                stdin=req_r,
                stdout=res_w,
                stderr=err_w,
                pass_fds=inherited,
                cwd=self.tmp,
                env=launch.environment(self.tmp),
                start_new_session=True,
                preexec_fn=launch.limits_preexec(limits, self.cgroup),
            )
        except OSError as exc:
            _close(req_r, req_w, res_r, res_w, err_r, err_w, *inherited, *ours)
            self.cgroup.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise SandboxUnavailable(
                f"cannot start the worker interpreter {sandbox.python}: {exc}"
            ) from None
        _close(req_r, res_w, err_w, *inherited)
        self.errors = err_r
        os.set_blocking(err_r, False)
        self.channel = Channel(
            req_w, res_r, self.proc.pid, cancel, self._death, [err_r], self._on_idle
        )
        sandbox._track(self.proc.pid, True)
        self.isolation: dict = {}
        try:
            self.channel.send(setup)
            ready = self.channel.next_frame(60.0)  # start-up and the jail, before user code
            if not (isinstance(ready, dict) and ready.get("ready") is True):
                raise WorkerFailed("the worker sent a malformed first frame")
            self.isolation = clean_report(ready.get("isolation"))
            if self.jail == "bwrap":
                from . import bwrap

                self.isolation["filesystem"] = (
                    f"{bwrap.version()}: host read-only; /tmp, /run, $HOME, /dev, /dev/shm "
                    f"fresh ({limits.tmp_bytes >> 20} MiB tmpfs); /proc of the PID namespace "
                    "with its knobs read-only; /sys read-only"
                )
            self.isolation["jail"] = {"bwrap": "bubblewrap", "own": "own (child/jail.py)"}.get(
                self.jail, "NONE: isolation disabled or unavailable"
            )
            if pipes:
                self._open_sides(pipes)
        except WorkerFailed:
            if not self.sides:
                _close(*ours)
            self.close()
            raise

    def _open_sides(self, pipes: dict) -> None:
        born = self.channel.next_frame(120.0)  # after importing the module
        if not (isinstance(born, dict) and isinstance(born.get("children"), dict)):
            raise WorkerFailed(
                str(born.get("error")) if isinstance(born, dict) and born.get("error")
                else "the twin workers did not start"
            )  # fmt: skip
        by_ns = {ns_pid(p): p for p in launch.tree(self.proc.pid)[1:]}
        for role in _ROLES:
            reported = born["children"].get(role)
            host = by_ns.get(reported) if isinstance(reported, int) else None
            (_, req_w), (res_r, _) = pipes[role]
            self.sides[role] = Channel(
                req_w, res_r, host or -1, self.cancel,
                lambda role=role: self._side_death(role), [self.errors], self._on_idle,
            )  # fmt: skip
            if host is None:
                raise WorkerFailed(f"the {role}'s twin worker is missing")

    def _on_idle(self, ready: list[int]) -> None:
        if self.errors in ready:
            self._drain_stderr()

    def _drain_stderr(self) -> None:
        """What the worker wrote to stderr so far (the descriptor is non-blocking)."""
        while True:
            try:
                data = os.read(self.errors, 1 << 16)
            except OSError:  # BlockingIOError: nothing more for now
                return
            if not data:
                return
            self._stderr += data
            if len(self._stderr) > 2 * _STDERR_KEEP:
                del self._stderr[:-_STDERR_KEEP]
            if len(data) < 1 << 16:
                return

    def _death(self) -> str:
        try:
            self.proc.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            pass
        self._drain_stderr()
        return launch.exit_failure(self.proc.returncode, self.stderr_tail)

    def _side_death(self, role: str) -> str:
        """A side's channel closed: the template reports how its process ended."""
        try:
            for _ in range(100):
                frame = self.channel.next_frame(2.0)
                if isinstance(frame, dict) and frame.get("died") == role:
                    status = frame.get("status")
                    self._drain_stderr()
                    code = status if isinstance(status, int) else None
                    return launch.exit_failure(code, self.stderr_tail)
        except WorkerFailed:
            pass
        self._drain_stderr()
        return launch.exit_failure(None, self.stderr_tail)

    @property
    def stderr_tail(self) -> str:
        return bytes(self._stderr[-4000:]).decode(errors="replace")

    def ask(self, frame: dict, wall_s: float, on_ask: Callable[[Any], dict] | None = None) -> Any:
        return self.channel.ask(frame, wall_s, on_ask)

    def close(self) -> None:
        """Ask the worker to exit, then kill whatever of its tree is left. With a PID
        namespace the kernel ends every process in it when the worker exits."""
        if self.closed:
            return
        self.closed = True
        pids = launch.tree(self.proc.pid)
        launch.signal_tree(pids, signal.SIGCONT)
        for channel in (*self.sides.values(), self.channel):
            try:
                protocol.write_frame(channel.requests, {"op": "exit"})
            except OSError:
                pass
        try:
            self.proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            pass
        launch.signal_tree(pids, signal.SIGKILL)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            kill_tree(self.proc.pid)
        self._drain_stderr()
        for channel in (*self.sides.values(), self.channel):
            channel.close_fds()
        _close(self.errors)
        self.cgroup.close()
        self._sandbox._track(self.proc.pid, False)
        shutil.rmtree(self.tmp, ignore_errors=True)


class Sandbox:
    """Runs worker tasks and sessions. One instance per workspace; safe from several threads."""

    def __init__(
        self, python: str | None = None, isolate: bool = True, limits: Limits | None = None
    ) -> None:
        self.python = python or sys.executable
        self.isolate = isolate
        self.limits = limits or Limits()
        self._active: set[int] = set()
        self._lock = threading.Lock()
        if not shutil.which(self.python) and not Path(self.python).exists():
            raise SandboxUnavailable(
                f"the workspace interpreter {self.python!r} does not exist; "
                "set the `python` setting "
                "to the interpreter that has your project's dependencies"
            )

    def _track(self, pid: int, active: bool) -> None:
        with self._lock:
            (self._active.add if active else self._active.discard)(pid)

    def describe_isolation(self) -> dict:
        flags, reason = namespace_flags() if self.isolate else ((), "isolation disabled")
        from . import bwrap

        if self.isolate and bwrap.chosen() == "bwrap":
            flags = ("--net", "--pid")
        return {
            "process": "separate worker process per side, new session, killed as a tree",
            "verdict": "computed by the parent from encoded values; candidate time read from "
            "the kernel (process CPU clocks) while the other side is stopped",
            "limits": {
                "memory_bytes": self.limits.memory_bytes,
                "file_bytes": self.limits.file_bytes,
                "open_files": self.limits.open_files,
                "tmp_bytes": self.limits.tmp_bytes,
            },
            "network": "no network (private network namespace)"
            if "--net" in flags
            else f"NOT isolated: {reason}",
            "pid_namespace": "--pid" in flags,
            "processes": f"at most {self.limits.processes} (pids cgroup)"
            if pids_hierarchy()
            else (
                "limited by RLIMIT_NPROC"
                if os.getuid() != 0
                else "NOT limited: running as root without a writable pids cgroup"
            ),
            "environment": "allow-listed; HOME and TMPDIR point to a fresh temporary directory",
        }

    def cancel_all(self) -> int:
        with self._lock:
            pids = list(self._active)
        for pid in pids:
            kill_tree(pid)
        return len(pids)

    def _isolation(self, worker_report: dict) -> dict:
        return {**self.describe_isolation(), **worker_report}

    @contextmanager
    def session(
        self,
        payload: dict,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
        keep: list[str] = (),
    ) -> Iterator[Worker]:
        """One side in a worker of its own (the original, for profiling)."""
        worker = Worker(self, {**payload, "task": "session"}, limits or self.limits, cancel,
                        list(keep))  # fmt: skip
        try:
            yield worker
        finally:
            worker.close()

    @contextmanager
    def twins(
        self,
        payload: dict,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
        keep: list[str] = (),
    ) -> Iterator[tuple[Channel, Channel, dict]]:
        """The original's and the candidate's sides, forked from one template (child/twins),
        and the isolation report."""
        worker = Worker(self, {**payload, "task": "twins"}, limits or self.limits, cancel,
                        list(keep))  # fmt: skip
        try:
            report = self._isolation(worker.isolation)
            yield worker.sides["original"], worker.sides["candidate"], report
        finally:
            worker.close()

    def run(
        self,
        task: str,
        payload: dict,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
        keep: list[str] = (),
    ) -> WorkerResult:
        """One task in a fresh worker; always a WorkerResult, never an exception."""
        limits = limits or self.limits
        started = time.monotonic()
        try:
            worker = Worker(self, {**payload, "task": task}, limits, cancel, list(keep))
        except WorkerFailed as exc:
            return WorkerResult(False, None, str(exc), self.describe_isolation(), "", 0.0)
        try:
            result = worker.channel.answer(limits.wall_s)
            return WorkerResult(True, result, None, self._isolation(worker.isolation),
                                worker.stderr_tail, time.monotonic() - started)  # fmt: skip
        except WorkerFailed as exc:
            tail = worker.channel.traceback or worker.stderr_tail
            return WorkerResult(False, None, str(exc), self._isolation(worker.isolation), tail,
                                time.monotonic() - started)  # fmt: skip
        finally:
            worker.close()
