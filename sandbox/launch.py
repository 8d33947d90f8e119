"""Starting, watching and stopping worker processes: namespaces, limits, the import shim,
process trees, and the kernel's CPU accounting of a tree.

Everything here runs in the trusted parent. What it reads about a worker (its CPU time, its
process tree) comes from /proc, never from the worker.
"""

from __future__ import annotations

import functools
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgpack
import psutil

BOOT = (
    "import sys; sys.path[:0] = [sys.argv.pop(1)]; "
    "from afterburner.sandbox.child.main import main; main()"
)
ENV_KEEP = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_NAMESPACE_SETS = (
    ("--user", "--map-root-user", "--net", "--ipc", "--uts", "--mount", "--pid", "--fork",
     "--kill-child", "--mount-proc"),
    ("--user", "--map-root-user", "--net", "--mount", "--pid", "--fork", "--kill-child"),
    ("--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child"),
    ("--user", "--map-root-user", "--net"),
)  # fmt: skip


@dataclass(frozen=True)
class Limits:
    wall_s: float = 120.0
    memory_bytes: int = 2 << 30
    file_bytes: int = 64 << 20
    open_files: int = 256
    processes: int = 64
    tmp_bytes: int = 256 << 20  # the worker's tmpfs: /tmp, its working directory, /dev/shm
    cpu_s: float | None = None  # default: the wall limit plus a margin


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


_shim_lock = threading.Lock()


def _package_files() -> dict[str, bytes]:
    here = Path(__file__).resolve().parent
    files = {}
    for path in sorted(here.rglob("*.py")):
        if "__pycache__" not in path.parts:
            files[str(path.relative_to(here))] = path.read_bytes()
    return files


@functools.lru_cache(maxsize=1)
def _sources() -> tuple[dict[str, bytes], str]:
    """The sandbox package as this process read it, and its digest."""
    files = _package_files()
    digest = hashlib.sha256()
    for name, data in files.items():
        digest.update(name.encode() + b"\0" + data + b"\0")
    digest.update(str(Path(msgpack.__file__).parent).encode())
    return files, digest.hexdigest()[:20]


def code_digest() -> str:
    """The digest of the sandbox code this process runs workers with."""
    return _sources()[1]


def _shim_digest(base: Path) -> str | None:
    pkg = base / "afterburner" / "sandbox"
    digest = hashlib.sha256()
    try:
        for path in sorted(pkg.rglob("*.py")):
            digest.update(str(path.relative_to(pkg)).encode() + b"\0" + path.read_bytes() + b"\0")
        digest.update(os.readlink(base / "msgpack").encode())
    except OSError:
        return None
    return digest.hexdigest()[:20]


def shim() -> str:
    """A read-only copy of the sandbox package (plus a link to msgpack) that any interpreter
    can import without the rest of our environment. One folder per version of our code,
    named by its digest, built atomically, and checked against that digest before each use:
    a worker imports exactly the code this process verified."""
    files, digest = _sources()
    base = Path(tempfile.gettempdir()) / f"afterburner-shim-{os.getuid()}-{digest}"
    with _shim_lock:
        if base.is_dir() and _shim_digest(base) == digest:
            return str(base)
        staging = Path(tempfile.mkdtemp(prefix=".afterburner-shim-", dir=base.parent))
        pkg = staging / "afterburner" / "sandbox"
        for name, data in files.items():
            (pkg / name).parent.mkdir(parents=True, exist_ok=True)
            (pkg / name).write_bytes(data)
        (staging / "afterburner" / "__init__.py").write_text("")
        (staging / "msgpack").symlink_to(Path(msgpack.__file__).parent)
        for path in sorted(staging.rglob("*"), reverse=True):
            if not path.is_symlink():
                path.chmod(0o555 if path.is_dir() else 0o444)
        staging.chmod(0o555)
        if base.exists():  # stale or tampered with: replace it
            _remove(base)
        try:
            staging.rename(base)
        except OSError:  # another thread or process won the race with the same content
            _remove(staging)
        if _shim_digest(base) != digest:
            raise OSError(f"the worker shim at {base} does not match this version's code")
        return str(base)


def _remove(path: Path) -> None:
    for sub in [path, *path.rglob("*")]:
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def pids_hierarchy() -> Path | None:
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
    fork-bomb guard that also binds root, whom RLIMIT_NPROC exempts. The worker cannot lift
    it: /sys is read-only inside the jail."""

    def __init__(self, limit: int) -> None:
        self.path: Path | None = None
        parent = pids_hierarchy()
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


def limits_preexec(limits: Limits, cgroup: PidsCgroup) -> Any:
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


def tree(pid: int) -> list[int]:
    """pid and all its descendants, read from /proc/PID/task/TID/children (cheap: no scan
    of every process on the machine)."""
    if not _HAS_CHILDREN_FILES:
        try:
            return [pid, *(p.pid for p in psutil.Process(pid).children(recursive=True))]
        except psutil.Error:
            return [pid]
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for tid in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{tid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return out


_HAS_CHILDREN_FILES = os.path.exists(f"/proc/self/task/{os.getpid()}/children")


def _process_clock(pid: int) -> int:
    """The clock id of a process's CPU time, as clock_getcpuclockid(3) makes it."""
    return ((~pid) << 3) | 2  # CPUCLOCK_SCHED, process-wide


def cpu_ns(pids: list[int]) -> int:
    """CPU time of these processes (every thread, living or ended), in nanoseconds, from the
    kernel's scheduler accounting. Read through each process's CPU-time clock, which brings a
    thread that is running right now up to date; /proc/PID/schedstat lags such a thread by up
    to a scheduler tick (4 ms), as long as the batches it would measure."""
    total = 0
    for pid in pids:
        try:
            total += time.clock_gettime_ns(_process_clock(pid))
        except OSError:
            total += _schedstat_ns(pid)
    return total


def _schedstat_ns(pid: int) -> int:
    total = 0
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                total += int(fh.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total


def signal_tree(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except OSError:
            pass


def wait_stopped(pids: list[int], timeout: float = 0.5) -> bool:
    """True once every thread of these processes is stopped (state T), so that its CPU
    counter no longer moves."""
    deadline = time.monotonic() + timeout
    while True:
        running = False
        for pid in pids:
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in tids:
                try:
                    with open(f"/proc/{pid}/task/{tid}/stat") as fh:
                        state = fh.read().rsplit(")", 1)[1].split()[0]
                except (OSError, IndexError):
                    continue
                if state not in ("T", "t", "Z", "X"):
                    running = True
                    break
            if running:
                break
        if not running:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0)


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


def exit_failure(code: int | None, stderr: str) -> str:
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
    last = next((ln.strip() for ln in reversed(stderr.splitlines()) if ln.strip()), "")
    return f"exited with status {code} before reporting" + (f": {last[:300]}" if last else "")


@dataclass(frozen=True)
class JailSpec:
    scratch: Path
    home: str | None
    keep: tuple[str, ...]
    size: int
    shared_read_only: bool  # twins: each side mounts its own working directory


def command(python: str, isolate: bool, spec: JailSpec) -> tuple[list[str], str]:
    """The worker's command line and who builds its jail: "bwrap", "own" (child/jail.py,
    inside `unshare`'s namespaces; the flags say which), or "none"."""
    from . import bwrap

    cmd = [python, "-I", "-B", "-c", BOOT, shim()]
    if not isolate:
        return cmd, "none"
    if bwrap.chosen() == "bwrap":
        keep = (*spec.keep, cmd[-1], str(Path(msgpack.__file__).parent),  # the shim links it:
                *bwrap.interpreter_paths(python))  # a venv under /tmp stays seen  # fmt: skip
        args = bwrap.arguments(spec.scratch, spec.home, list(keep), spec.size,
                               spec.shared_read_only)  # fmt: skip
        return [*args, "--", *cmd], "bwrap"
    flags, _ = namespace_flags()
    if not flags:
        return cmd, "none"
    return [shutil.which("unshare") or "unshare", *flags, "--", *cmd], "own"


def environment(tmp: Path) -> dict[str, str]:
    env = {k: os.environ[k] for k in ENV_KEEP if k in os.environ}
    env.update(HOME=str(tmp), TMPDIR=str(tmp), PYTHONIOENCODING="utf-8")
    return env
