"""Inside a fresh user + mount namespace: make every mount read-only except the worker's
temporary directory, and hide $HOME behind an empty tmpfs (keeping what Python needs).

Runs in the worker before any user code. Uses mount(2) through ctypes, so it needs no
`mount` binary; it only works where the parent started us under `unshare --mount`.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC = 1, 2, 4, 32, 4096, 16384
MNT_DETACH = 2
_SKIP = ("/proc", "/sys", "/dev")  # pseudo filesystems: /dev/null and /proc/self must work


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _mount(libc: ctypes.CDLL, src: str | None, target: str, fstype: str | None, flags: int) -> None:
    rc = libc.mount(
        src.encode() if src else None,
        target.encode(),
        fstype.encode() if fstype else None,
        flags,
        None,
    )
    if rc != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}: {os.strerror(ctypes.get_errno())}")


def _minimal(paths: set[Path]) -> list[Path]:
    kept: list[Path] = []
    for path in sorted(paths, key=lambda p: len(p.parts)):
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


def needed_paths(extra: list[str]) -> set[Path]:
    paths = {
        Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path, *extra) if p
    }
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file:
            paths.add(Path(file).parent)
    return {p.resolve() for p in paths if p.exists()}


def hide_home(libc: ctypes.CDLL, home: Path, tmp: Path, keep: set[Path]) -> list[str]:
    """Mount an empty tmpfs on home, then bind back only the kept paths under it."""
    inside = _minimal({p for p in keep if home in p.parents})
    stage = tmp / ".home-stage"
    stage.mkdir(exist_ok=True)
    _mount(libc, str(home), str(stage), None, MS_BIND | MS_REC)
    _mount(libc, "tmpfs", str(home), "tmpfs", MS_NOSUID | MS_NODEV)
    for path in inside:
        rel = path.relative_to(home)
        target = home / rel
        source = stage / rel
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()
        _mount(libc, str(source), str(target), None, MS_BIND | MS_REC)
    libc.umount2(str(stage).encode(), MNT_DETACH)
    stage.rmdir()
    return [str(p) for p in inside]


def read_only_except(libc: ctypes.CDLL, writable: Path) -> list[str]:
    """Remount every mount read-only except `writable`; returns the mounts that refused."""
    _mount(libc, str(writable), str(writable), None, MS_BIND | MS_REC)
    refused = []
    with open("/proc/self/mounts") as fh:
        mounts = [line.split()[1].replace("\\040", " ") for line in fh]
    for mount_point in mounts:
        path = Path(mount_point)
        if path == writable or writable in path.parents or mount_point.startswith(_SKIP):
            continue
        rc = libc.mount(None, mount_point.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY, None)
        if rc != 0 and not _already_read_only(mount_point):
            refused.append(mount_point)
    return refused


def _already_read_only(mount_point: str) -> bool:
    try:
        return bool(os.statvfs(mount_point).f_flag & os.ST_RDONLY)
    except OSError:
        return True


def enter(tmp: Path, home: str | None, extra_keep: list[str]) -> dict:
    """Apply the filesystem jail; returns what was applied, for the result's `isolation`."""
    libc = _libc()
    applied: dict = {}
    tmp = tmp.resolve()
    keep = needed_paths(extra_keep)
    if home and Path(home).is_dir() and Path(home).resolve() != Path("/"):
        home_path = Path(home).resolve()
        if home_path == tmp or home_path in tmp.parents:
            keep.add(tmp)
        applied["home_hidden"] = str(home_path)
        applied["home_kept"] = hide_home(libc, home_path, tmp, keep)
    refused = read_only_except(libc, tmp)
    applied["filesystem"] = "read-only except the temporary directory"
    if refused:
        applied["filesystem_writable_mounts"] = refused
    return applied
