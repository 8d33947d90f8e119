"""The last step before user code: make the jail that `world.build` made impossible to undo.

1. A nested user + mount namespace. Mounts copied into a mount namespace owned by a less
   privileged user namespace are locked by the kernel: they cannot be unmounted (which
   would reveal what lies beneath) and their read-only flag cannot be cleared. The new
   namespace maps one uid and gid, SANDBOX_UID, so the worker runs as a non-root user there.
2. No capabilities: bounding, ambient, effective, permitted and inheritable sets emptied.
3. `no_new_privs`, then the seccomp filter of `seccomp.py`.

Each step is reported; one that the kernel refuses is named in the isolation report, never
skipped silently. Needs a single-threaded process (unshare(CLONE_NEWUSER) demands it).
"""

from __future__ import annotations

import ctypes
import os

from . import seccomp

SANDBOX_UID = 1000
_CLONE_NEWUSER, _CLONE_NEWNS = 0x10000000, 0x00020000
_PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS, _PR_CAP_AMBIENT, _AMBIENT_CLEAR_ALL = 24, 38, 47, 4
_CAP_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def write_proc(path: str, text: str) -> None:
    """One write(2) on a descriptor opened without O_CREAT|O_TRUNC: what uid_map accepts
    everywhere (under bubblewrap, a buffered `open(path, "w")` write is refused)."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as exc:
        raise OSError(exc.errno, f"open {path}: {exc.strerror}") from None
    try:
        os.write(fd, text.encode())
    except OSError as exc:
        raise OSError(exc.errno, f"write {text!r} to {path}: {exc.strerror}") from None
    finally:
        os.close(fd)


def nest_user_namespace(libc: ctypes.CDLL, extra_flags: int = 0) -> None:
    """A new user + mount namespace (plus `extra_flags`) mapping SANDBOX_UID to us."""
    uid, gid = os.geteuid(), os.getegid()
    _check(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS | extra_flags), "unshare")
    write_proc("/proc/self/setgroups", "deny")
    write_proc("/proc/self/uid_map", f"{SANDBOX_UID} {uid} 1")
    write_proc("/proc/self/gid_map", f"{SANDBOX_UID} {gid} 1")


def drop_capabilities(libc: ctypes.CDLL) -> None:
    cap = 0
    while libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    libc.prctl(_PR_CAP_AMBIENT, _AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(libc.capset(ctypes.byref(header), data), "capset")


def effective_capabilities() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return -1


def lock_report(libc: ctypes.CDLL, twins: bool) -> dict:
    """What the twins' template applies itself (each side then completes the lock)."""
    return {
        "mounts": f"locked (nested user namespace; uid {SANDBOX_UID} inside, no root mapping)",
        "capabilities": "none in each side (dropped after its own namespaces are made)",
        "no_new_privs": True,
        "seccomp": f"each side: denies {len(seccomp.DENIED_NAMES)} calls, AF_UNIX sockets, "
        "namespace-creating clone",
        "twins": "each side in its own user, mount and PID namespace; the original's side "
        "not dumpable",
    }


def lock(libc: ctypes.CDLL, nest: bool = True) -> dict:
    """Apply every step that applies; returns what holds, for the isolation report."""
    report: dict = {}
    if nest:
        try:
            nest_user_namespace(libc)
            report["mounts"] = (
                f"locked (nested user namespace; uid {SANDBOX_UID} inside, no root mapping)"
            )
        except OSError as exc:
            report["mounts"] = f"NOT locked: {exc}"
    drop_capabilities(libc)
    caps = effective_capabilities()
    report["capabilities"] = "none" if caps == 0 else f"NOT dropped: CapEff={caps:x}"
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    report["no_new_privs"] = True
    if not seccomp.supported():
        report["seccomp"] = "NOT applied: no filter for this architecture"
    else:
        try:
            seccomp.install(libc)
            report["seccomp"] = f"denies {len(seccomp.DENIED_NAMES)} calls, AF_UNIX sockets, "
            report["seccomp"] += "namespace-creating clone"
        except OSError as exc:
            report["seccomp"] = f"NOT applied: {exc}"
    return report
