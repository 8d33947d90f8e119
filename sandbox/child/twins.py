"""Twin workers: the original and the candidate in two processes forked from one template.

Timing two functions in two unrelated processes adds each process's own bias (memory
layout, hash seed): identical code measured 0.65-1.6x pair to pair, and per process up to
1.3x. Forked twins share the template's layout: the module and the inputs were loaded
before the fork, at the same addresses in both, so the two sides differ only by the code
under test, as they did when both ran in one process, without either being able to reach
the other:
- the template has run only the user's original code (importing the module) when it forks;
- each side enters user, mount and PID namespaces of its own, with a private working
  directory and /dev/shm (the template's /tmp, /run and $HOME are read-only), then drops
  every capability, sets no_new_privs and the seccomp filter;
- the original's side is not dumpable, so the candidate cannot open its memory or its
  descriptors through /proc; each side holds only its own pipes;
- the parent runs one side at a time and keeps the other stopped (its whole tree, which
  its PID namespace keeps together).
"""

from __future__ import annotations

import ctypes
import os
import signal
from collections.abc import Callable
from pathlib import Path

from . import loader, lockdown
from .jail import Mounter

_CLONE_NEWPID = 0x20000000
_PR_SET_DUMPABLE = 4


def _private_scratch(libc: ctypes.CDLL, scratch: Path, size: int) -> None:
    lockdown.nest_user_namespace(libc, _CLONE_NEWPID)
    m = Mounter()
    m.tmpfs(scratch, size, "700")
    if Path("/dev/shm").is_dir():
        m.tmpfs(Path("/dev/shm"), size, "1777")


def _side(
    role: str,
    channel: tuple[int, int],
    request: dict,
    serve: Callable[[dict, int, int], None],
) -> None:
    """In the forked child: make the side's own namespaces, fork once more so that the side
    runs as init of its PID namespace (orphans stay in its tree), lock, serve."""
    libc = ctypes.CDLL(None, use_errno=True)
    scratch = Path(request["tmp"])
    if role == "original":
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    try:
        _private_scratch(libc, scratch, request["tmp_size"])
    except OSError as exc:  # e.g. no user namespaces here: run on, and say so
        request = {**request, "side_note": f"NOT in namespaces of their own: {exc}"}
    pid = os.fork()
    if pid:
        for fd in channel:
            os.close(fd)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code < 0:  # die of the same signal, so the template reports it as such
            signal.signal(-code, signal.SIG_DFL)
            os.kill(os.getpid(), -code)
        os._exit(code & 0xFF)
    if role == "original":
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    os.chdir(scratch)
    from .main import link_hypothesis_tables

    link_hypothesis_tables(request)
    try:
        lockdown.lock(libc, nest=False)
    except OSError:
        os._exit(70)
    serve({**request, "role": role}, *channel)
    os._exit(0)


def fork_twins(
    request: dict,
    channels: dict[str, tuple[int, int]],
    serve: Callable[[dict, int, int], None],
    close: tuple[int, ...] = (),
) -> dict[str, int]:
    """Load the original's module here, fork the two sides; returns their PIDs (as this
    namespace numbers them)."""
    loader.import_target_module(Path(request["file"]))
    children: dict[str, int] = {}
    for role in ("original", "candidate"):
        pid = os.fork()
        if pid == 0:
            for fd in close:
                os.close(fd)
            for other, fds in channels.items():
                if other != role:
                    for fd in fds:
                        os.close(fd)
            _side(role, channels[role], request, serve)
        children[role] = pid
    for fds in channels.values():
        for fd in fds:
            os.close(fd)
    return children
