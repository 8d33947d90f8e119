"""Start one sandboxed worker, feed it a request, and always come back with a verdict.

The worker runs under the workspace's interpreter in a new session, behind a user + network
(+ mount + PID) namespace where the kernel allows one, with resource limits, a fresh
temporary directory as its cwd and HOME, and an allow-listed environment. A worker that
hangs, crashes, floods or runs out of memory yields a failure string, never an exception or
a hung caller; its whole process tree is killed with psutil.
"""

from __future__ import annotations

import functools
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgpack
import psutil

from . import hypothesis_cache, protocol
from .errors import SandboxUnavailable

_BOOT = (
    "import sys; sys.path[:0] = [sys.argv.pop(1)]; "
    "from afterburner.sandbox.child.main import main; main(sys.argv[1:])"
)
_HYPOTHESIS_TASKS = ("fuzz", "inputs", "profile")  # the tasks that may draw text with Hypothesis
_ENV_KEEP = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_NAMESPACE_SETS = (
    (
        "--user",
        "--map-root-user",
        "--net",
        "--mount",
        "--pid",
        "--fork",
        "--kill-child",
        "--mount-proc",
    ),
    ("--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--kill-child"),
    ("--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child"),
    ("--user", "--map-root-user", "--net"),
)


@dataclass(frozen=True)
class Limits:
    wall_s: float = 120.0
    memory_bytes: int = 2 << 30
    file_bytes: int = 64 << 20
    open_files: int = 256
    processes: int = 64
    cpu_s: float | None = None  # default: the wall limit plus a margin


@dataclass
class WorkerResult:
    ok: bool
    result: Any = None
    failure: str | None = None  # "timeout", "memory limit", "crashed: SIGSEGV", ...
    isolation: dict = field(default_factory=dict)
    stderr_tail: str = ""
    wall_s: float = 0.0


@functools.lru_cache(maxsize=1)
def namespace_flags() -> tuple[tuple[str, ...], str | None]:
    """The strongest `unshare` flag set this kernel accepts, and why stronger ones failed."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return (), "the `unshare` command (util-linux) is not installed"
    reason = None
    for flags in _NAMESPACE_SETS:
        try:
            proc = subprocess.run([unshare, *flags, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
            continue
        if proc.returncode == 0:
            return flags, reason
        reason = proc.stderr.decode(errors="replace").strip() or f"exit {proc.returncode}"
    return (), f"the kernel refused user/network namespaces: {reason}"


@functools.lru_cache(maxsize=4)
def _shim() -> str:
    """A directory that makes `afterburner.sandbox` and `msgpack` importable from any
    interpreter, without the rest of our environment."""
    here = Path(__file__).resolve().parent
    base = Path(tempfile.gettempdir()) / f"afterburner-shim-{os.getuid()}-{abs(hash(str(here)))}"
    pkg = base / "afterburner"
    pkg.mkdir(parents=True, exist_ok=True)
    for link, target in (
        (pkg / "sandbox", here),
        (base / "msgpack", Path(msgpack.__file__).parent),
    ):
        if not link.is_symlink() or link.resolve() != target:
            tmp_link = link.with_name(link.name + f".{os.getpid()}")
            tmp_link.unlink(missing_ok=True)
            tmp_link.symlink_to(target)
            os.replace(tmp_link, link)
    return str(base)


@functools.lru_cache(maxsize=1)
def _pids_hierarchy() -> Path | None:
    """Our own cgroup in the v1 `pids` hierarchy, if we may create children in it."""
    base = Path("/sys/fs/cgroup/pids")
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if "pids" in controllers.split(","):
                own = base / path.lstrip("/")
                return own if os.access(own, os.W_OK) else None
    except OSError:
        return None
    return None


class PidsCgroup:
    """A fresh pids cgroup capping how many processes a worker's tree may hold: the only
    fork-bomb guard that also binds root, whom RLIMIT_NPROC exempts."""

    def __init__(self, limit: int) -> None:
        self.path: Path | None = None
        parent = _pids_hierarchy()
        if parent is None:
            return
        path = parent / f"afterburner-{os.getpid()}-{threading.get_ident()}-{time.monotonic_ns()}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(limit))
            self.path = path
        except OSError:
            return

    def close(self) -> None:
        if self.path is not None:
            for _ in range(50):
                try:
                    self.path.rmdir()
                    return
                except OSError:
                    time.sleep(0.02)


def _user_processes() -> int:
    uid = os.getuid()
    count = 0
    for proc in psutil.process_iter(["uids"]):
        uids = proc.info.get("uids")
        if uids is not None and uids.real == uid:
            count += 1
    return count


def _limits_preexec(limits: Limits, cgroup: PidsCgroup) -> Any:
    cpu = int(limits.cpu_s or limits.wall_s * 2 + 10)
    # RLIMIT_NPROC counts all of the user's processes, so it is set relative to the current count.
    nproc = _user_processes() + limits.processes if os.getuid() != 0 else limits.processes
    procs_file = str(cgroup.path / "cgroup.procs") if cgroup.path else None

    def apply() -> None:
        if procs_file:
            try:
                with open(procs_file, "w") as fh:
                    fh.write("0")
            except OSError:
                pass
        for res, value in (
            (resource.RLIMIT_AS, limits.memory_bytes),
            (resource.RLIMIT_CPU, cpu),
            (resource.RLIMIT_FSIZE, limits.file_bytes),
            (resource.RLIMIT_NOFILE, limits.open_files),
            (resource.RLIMIT_NPROC, nproc),
            (resource.RLIMIT_CORE, 0),
        ):
            try:
                resource.setrlimit(res, (value, value))
            except (ValueError, OSError):
                pass

    return apply


def kill_tree(pid: int) -> None:
    try:
        root = psutil.Process(pid)
        procs = [*root.children(recursive=True), root]
    except psutil.Error:
        procs = []
    for proc in procs:
        try:
            proc.kill()
        except psutil.Error:
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    psutil.wait_procs(procs, timeout=2)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class Sandbox:
    """Runs worker tasks. One instance per workspace; safe to use from several threads."""

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

    def describe_isolation(self) -> dict:
        flags, reason = namespace_flags() if self.isolate else ((), "isolation disabled")
        return {
            "process": "separate worker process, new session, killed as a tree",
            "limits": {
                "memory_bytes": self.limits.memory_bytes,
                "file_bytes": self.limits.file_bytes,
                "open_files": self.limits.open_files,
            },
            "network": "no network (private network namespace)"
            if "--net" in flags
            else f"NOT isolated: {reason}",
            "pid_namespace": "--pid" in flags,
            "processes": f"at most {self.limits.processes} (pids cgroup)"
            if _pids_hierarchy()
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

    def run(
        self,
        task: str,
        payload: dict,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
        keep: list[str] = (),
    ) -> WorkerResult:
        limits = limits or self.limits
        tmp = Path(tempfile.mkdtemp(prefix="afterburner-"))
        try:
            return self._run(task, payload, limits, cancel, tmp, list(keep))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _command(self, tmp: Path, fd: int) -> tuple[list[str], dict, bool]:
        flags, _ = namespace_flags() if self.isolate else ((), None)
        cmd = [self.python, "-I", "-c", _BOOT, _shim(), str(tmp / "request.msgpack"), str(fd)]
        if flags:
            cmd = [shutil.which("unshare") or "unshare", *flags, "--", *cmd]
        env = {k: os.environ[k] for k in _ENV_KEEP if k in os.environ}
        env.update(HOME=str(tmp), TMPDIR=str(tmp), PYTHONIOENCODING="utf-8")
        return cmd, env, "--mount" in flags

    def _run(
        self,
        task: str,
        payload: dict,
        limits: Limits,
        cancel: threading.Event | None,
        tmp: Path,
        keep: list[str],
    ) -> WorkerResult:
        read_fd, write_fd = os.pipe()
        cmd, env, jail = self._command(tmp, write_fd)
        request = {
            **payload,
            "task": task,
            "tmp": str(tmp),
            "jail": jail,
            "home": os.environ.get("HOME"),
            "keep": [*keep, _shim()],
        }
        if task in _HYPOTHESIS_TASKS:
            hypothesis_cache.copy_into(self.python, tmp)
        (tmp / "request.msgpack").write_bytes(msgpack.packb(request, use_bin_type=True))
        stderr_path = tmp / "stderr.txt"
        cgroup = PidsCgroup(limits.processes)
        start = time.monotonic()
        try:
            with open(stderr_path, "wb") as stderr:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    cwd=tmp,
                    env=env,
                    pass_fds=(write_fd,),
                    start_new_session=True,
                    preexec_fn=_limits_preexec(limits, cgroup),
                )
        except OSError as exc:
            os.close(read_fd)
            os.close(write_fd)
            cgroup.close()
            raise SandboxUnavailable(
                f"cannot start the worker interpreter {self.python}: {exc}"
            ) from None
        os.close(write_fd)
        with self._lock:
            self._active.add(proc.pid)
        try:
            frames, failure = self._collect(proc, read_fd, limits, cancel, start)
        finally:
            os.close(read_fd)
            kill_tree(proc.pid)
            proc.wait()
            cgroup.close()
            with self._lock:
                self._active.discard(proc.pid)
        wall = time.monotonic() - start
        tail = _tail(stderr_path)
        base_isolation = self.describe_isolation()
        if frames and failure is None:
            message = frames[-1]
            base_isolation.update(message.get("isolation") or {})
            if message.get("ok"):
                return WorkerResult(True, message.get("result"), None, base_isolation, tail, wall)
            failure = message.get("kind", "error")
            if failure == "error":
                failure = f"error: {message.get('error')}"
            return WorkerResult(
                False, None, failure, base_isolation, message.get("traceback", tail), wall
            )
        if failure is None:
            failure = _exit_failure(proc.returncode, tail)
        return WorkerResult(False, None, failure, base_isolation, tail, wall)

    def _collect(
        self,
        proc: subprocess.Popen,
        fd: int,
        limits: Limits,
        cancel: threading.Event | None,
        start: float,
    ) -> tuple[list, str | None]:
        buffer = protocol.FrameBuffer()
        frames: list = []
        deadline = start + limits.wall_s
        while True:
            if cancel is not None and cancel.is_set():
                return frames, "cancelled"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return frames, f"timeout (over {limits.wall_s:g} s)"
            ready, _, _ = select.select([fd], [], [], min(remaining, 0.05))
            if not ready:
                continue
            data = os.read(fd, 1 << 20)
            if not data:
                try:
                    proc.wait(timeout=max(0.1, min(2.0, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    pass
                return frames, None
            try:
                frames.extend(buffer.feed(data))
            except ValueError as exc:
                return frames, f"flooded the result channel ({exc})"


def _tail(path: Path, size: int = 4000) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, path.stat().st_size - size))
            return fh.read().decode(errors="replace")
    except OSError:
        return ""


def _exit_failure(code: int | None, stderr: str) -> str:
    if code is None:
        return "crashed: no exit status"
    if "MemoryError" in stderr:
        return "memory limit"
    if code < 0:
        name = _signal_name(-code)
        if name == "SIGXCPU":
            return "timeout (CPU time limit)"
        return f"crashed: {name}"
    if code > 128 and code - 128 < 65:
        return f"crashed: {_signal_name(code - 128)}"
    return f"exited with status {code} before reporting"
