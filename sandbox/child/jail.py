"""The worker's filesystem: a new root built from scratch, bubblewrap-style, then pivoted into.

Runs in the worker before any user code, inside the user + mount (+ PID) namespace that the
parent started it in (`unshare`), through mount(2) and pivot_root(2) by ctypes. The new root
is a tmpfs holding:
- every top-level directory of the host, bound recursively and read-only (the workspace, the
  interpreter and its packages, wherever they live), except those below;
- `/tmp`: an empty tmpfs of bounded size, holding the worker's working directory at the
  path the parent gave it (so paths in tracebacks match), and read-only binds of the few
  host paths the worker needs from there (our import shim);
- `/run` (and `/var/run` where it is a directory): empty tmpfs, so no host socket is there;
- `$HOME`: an empty tmpfs with read-only binds of the paths Python needs under it;
- `/dev`: a read-only tmpfs with null, zero, full, random, urandom and the fd links, and a
  fresh `/dev/shm` of bounded size;
- `/proc`: the PID namespace's own, with sys, sysrq-trigger, irq, bus and fs read-only;
- `/sys`: read-only.
`lockdown.lock` then locks all of it (see there).
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
from pathlib import Path

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
MNT_DETACH = 2
_STATVFS_TO_MS = (
    (os.ST_NOSUID, MS_NOSUID),
    (os.ST_NODEV, MS_NODEV),
    (os.ST_NOEXEC, MS_NOEXEC),
    (os.ST_NOATIME, MS_NOATIME),
    (os.ST_NODIRATIME, MS_NODIRATIME),
    (os.ST_RELATIME, MS_RELATIME),
)
_FRESH = {"proc", "sys", "dev", "tmp", "run"}  # top-level directories built, not bound
_DEVICES = ("null", "zero", "full", "random", "urandom")
_PROC_READ_ONLY = ("sys", "sysrq-trigger", "irq", "bus", "fs")
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}


class Mounter:
    def __init__(self) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)

    def mount(self, src: str | None, target: Path, fstype: str | None, flags: int, data=None):
        rc = self.libc.mount(
            src.encode() if src else None,
            str(target).encode(),
            fstype.encode() if fstype else None,
            flags,
            data.encode() if data else None,
        )
        if rc != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"mount {target}: {os.strerror(err)}")

    def bind(self, src: Path, target: Path, read_only: bool = True) -> None:
        self.mount(str(src), target, None, MS_BIND | MS_REC)
        if read_only:
            self.read_only_tree(target)

    def tmpfs(self, target: Path, size: int, mode: str = "755") -> None:
        self.mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}")

    def remount_read_only(self, target: Path) -> bool:
        try:
            kept = os.statvfs(target).f_flag
        except OSError:
            return False
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY
        flags |= sum(ms for st, ms in _STATVFS_TO_MS if kept & st)  # locked flags must stay
        self.libc.mount(None, str(target).encode(), None, flags, None)
        try:
            return bool(os.statvfs(target).f_flag & os.ST_RDONLY)
        except OSError:
            return False

    def read_only_tree(self, top: Path) -> list[str]:
        """Every mount at or below top made read-only; returns those that refused."""
        refused = []
        for point in mount_points():
            inside = point == top or top in point.parents
            if inside and not self.remount_read_only(point):
                refused.append(str(point))
        return refused


def mount_points() -> list[Path]:
    with open("/proc/self/mountinfo") as fh:
        points = [line.split()[4] for line in fh]
    decoded = [_unescape(p) for p in points]
    return [Path(p) for p in dict.fromkeys(decoded)]


def _unescape(field: str) -> str:
    """mountinfo escapes space, tab, newline and backslash as octal."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def needed_paths(extra: list[str]) -> set[Path]:
    paths = {
        Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path, *extra) if p
    }
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file:
            paths.add(Path(file).parent)
    return {p.resolve() for p in paths if p.exists()}


def _minimal(paths: set[Path]) -> list[Path]:
    kept: list[Path] = []
    for path in sorted(paths, key=lambda p: len(p.parts)):
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


def _bind_kept(m: Mounter, root: Path, under: Path, keep: set[Path]) -> list[str]:
    """Read-only binds of the kept host paths below `under` into the new root."""
    inside = _minimal({p for p in keep if under in p.parents or p == under})
    for path in inside:
        target = root / path.relative_to("/")
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()
        m.bind(path, target)
    return [str(p) for p in inside]


def _populate_dev(m: Mounter, dev: Path, shm_size: int) -> None:
    m.tmpfs(dev, 1 << 20)
    for name in _DEVICES:
        (dev / name).touch()
        m.mount(f"/dev/{name}", dev / name, None, MS_BIND)
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        (dev / name).symlink_to(target)
    (dev / "shm").mkdir()
    m.remount_read_only(dev)
    m.tmpfs(dev / "shm", shm_size, "1777")


def _populate_proc(m: Mounter, proc: Path) -> None:
    m.mount("/proc", proc, None, MS_BIND | MS_REC)
    protect_proc(m, proc)


def protect_proc(m: Mounter, proc: Path = Path("/proc")) -> None:
    """Kernel knobs read-only. A worker's files belong to the user who runs Afterburner, so
    when that is root, /proc/sys/vm/drop_caches and the like would be writable to it (with
    no capability at all: their checks are file permissions). bubblewrap covers these only
    where its own set-up cannot write them, so its workers call this too."""
    for name in _PROC_READ_ONLY:
        path = proc / name
        if path.exists():
            m.mount(str(path), path, None, MS_BIND | MS_REC)
            m.remount_read_only(path)


def _pivot(m: Mounter, root: Path) -> None:
    os.chdir(root)
    (root / ".oldroot").mkdir()
    rc = m.libc.syscall(_PIVOT_ROOT[platform.machine()], b".", b".oldroot")
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"pivot_root: {os.strerror(err)}")
    os.chdir("/")
    m.libc.umount2(b"/.oldroot", MNT_DETACH)
    os.rmdir("/.oldroot")
    m.remount_read_only(Path("/"))


def enter(
    scratch: Path,
    new_root: Path,
    home: str | None,
    extra_keep: list[str],
    size: int,
    shared_read_only: bool = False,
) -> dict:
    """Build the new root on `new_root` (an empty directory), pivot into it, and make
    `scratch` (its path inside) the working directory; returns the isolation report."""
    m = Mounter()
    m.mount(None, Path("/"), None, MS_REC | MS_PRIVATE)
    keep = {
        p
        for p in needed_paths(extra_keep)
        if not (p == scratch or scratch in p.parents or p in scratch.parents)
    }
    m.tmpfs(new_root, 1 << 20)
    refused: list[str] = []
    for entry in sorted(os.listdir("/")):
        host = Path("/") / entry
        target = new_root / entry
        if host.is_symlink():
            target.symlink_to(os.readlink(host))
        elif host.is_dir() and entry not in _FRESH:
            target.mkdir()
            m.bind(host, target, read_only=False)
            refused += m.read_only_tree(target)
    report: dict = {}
    (new_root / "tmp").mkdir()
    m.tmpfs(new_root / "tmp", size, "1777")
    (new_root / "run").mkdir()
    for run in (new_root / "run", new_root / "var" / "run"):
        if run.is_dir() and not run.is_symlink():
            m.tmpfs(run, 1 << 20)
    report["tmp_kept"] = _bind_kept(m, new_root, Path("/tmp"), keep)
    if home and Path(home).is_dir() and Path(home).resolve() != Path("/"):
        home_path = Path(home).resolve()
        if home_path.parts[1:2] != ("tmp",):
            target = new_root / home_path.relative_to("/")
            m.tmpfs(target, 1 << 20)
            report["home_hidden"] = str(home_path)
            report["home_kept"] = _bind_kept(m, new_root, home_path, keep)
    inside = new_root / scratch.relative_to("/")
    inside.mkdir(parents=True, exist_ok=True)
    if inside.parts[: len(new_root.parts) + 1] != (*new_root.parts, "tmp"):
        m.tmpfs(inside, size, "700")  # the working directory outside /tmp: its own tmpfs
    (new_root / "dev").mkdir()
    _populate_dev(m, new_root / "dev", size)
    (new_root / "proc").mkdir()
    _populate_proc(m, new_root / "proc")
    (new_root / "sys").mkdir()
    m.bind(Path("/sys"), new_root / "sys")
    if shared_read_only:  # twins: each side mounts its own working directory and /dev/shm
        for fresh in (new_root / "tmp", new_root / "run", *(
            [new_root / report["home_hidden"].lstrip("/")] if "home_hidden" in report else []
        )):  # fmt: skip
            m.remount_read_only(fresh)
    _pivot(m, new_root)
    os.chdir(scratch)
    report["filesystem"] = (
        "new root: host directories read-only; /tmp, /run, $HOME, /dev/shm fresh "
        f"(tmpfs, {size >> 20} MiB); private /dev; /proc of the PID namespace; /sys read-only"
    )
    if refused:
        report["filesystem_writable_mounts"] = refused
    return report
