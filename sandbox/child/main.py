"""Worker entry point: `python -I -B -c BOOT SHIM`, with the request pipe as stdin and the
result pipe as stdout (argv names neither a file nor a descriptor).

Before any user code: the two pipes move to private descriptors and stdin/stdout become
/dev/null (stdout belongs to the user's code, whose prints are captured in-process); the
setup frame is read; the jail is built and locked; a `ready` frame carries the isolation
report, the only frame the parent takes as fact. Then either one task runs (inputs, tests,
profile) and its answer goes back, or the worker serves a session (`serve.py`).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any


def _channels() -> tuple[int, int]:
    requests, results = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    return requests, results


def _isolate(request: dict) -> dict:
    """The jail, then the lock: for twins only the nested user namespace (the mounts are
    locked), since each side makes namespaces of its own before dropping the rest."""
    isolation: dict[str, Any] = {}
    twins = request.get("task") == "twins"
    if request.get("jail"):
        from . import jail

        try:
            isolation.update(
                jail.enter(
                    Path(request["tmp"]),
                    Path(request["new_root"]),
                    request.get("home"),
                    request["keep"],
                    request["tmp_size"],
                    shared_read_only=twins,
                )
            )
        except OSError as exc:
            isolation["filesystem"] = f"NOT isolated: {exc}"
            os.chdir(request["tmp"])
    elif request.get("bwrap"):
        from . import jail

        try:
            jail.protect_proc(jail.Mounter())
        except OSError as exc:
            isolation["proc"] = f"NOT read-only: {exc}"
    if request.get("lock", True):
        import ctypes

        from . import lockdown

        libc = ctypes.CDLL(None, use_errno=True)
        try:
            if twins:
                lockdown.nest_user_namespace(libc)
                isolation.update(lockdown.lock_report(libc, twins=True))
            else:
                isolation.update(lockdown.lock(libc, nest=bool(request.get("userns"))))
        except OSError as exc:
            isolation["lockdown"] = f"NOT complete: {exc}"
    return isolation


def link_hypothesis_tables(request: dict) -> None:
    """Read-only tables, verified by the parent; Hypothesis looks in .hypothesis of the cwd."""
    tables = request.get("hypothesis_tables")
    if tables:
        try:
            os.makedirs(".hypothesis", exist_ok=True)
            os.symlink(os.path.join(tables, "unicode_data"), ".hypothesis/unicode_data")
        except OSError:
            pass


def _prepare(request: dict) -> None:
    sys.dont_write_bytecode = True
    for path in reversed(request.get("sys_path", [])):
        if path not in sys.path:
            sys.path.insert(0, path)
    link_hypothesis_tables(request)
    from .calls import recursion_headroom
    from .overlay import install

    install(request.get("overlay") or {})

    recursion_headroom()


def _task(request: dict) -> Any:
    from . import tasks

    handler = getattr(tasks, "task_" + request["task"], None)
    if handler is None:
        raise ValueError(f"unknown task {request['task']!r}")
    return handler(request)


def _serve(request: dict, requests: int, results: int) -> None:
    from ..protocol import read_frame, write_frame
    from .serve import serve

    serve(request, lambda: read_frame(requests), lambda m: write_frame(results, m))
    sys.stdout.flush()


def _template(request: dict, requests: int, results: int) -> None:
    """Fork the twins, tell the parent their PIDs, then report how each one ends."""
    from ..protocol import write_frame
    from . import twins

    channels = {role: (int(r), int(w)) for role, (r, w) in request["channels"].items()}
    try:
        children = twins.fork_twins(request, channels, _serve, close=(requests, results))
    except BaseException as exc:  # noqa: BLE001 - e.g. the module does not import
        write_frame(results, {"error": f"error: {type(exc).__name__}: {exc}"[:2000]})
        return
    write_frame(results, {"children": children})
    roles = {pid: role for role, pid in children.items()}
    while roles:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        if pid in roles:
            code = os.waitstatus_to_exitcode(status)
            write_frame(results, {"died": roles.pop(pid), "status": code})


def main() -> None:
    from ..protocol import FORMAT_VERSION, read_frame, write_frame

    requests, results = _channels()
    request = read_frame(requests)
    write_frame(results, {"ready": True, "version": FORMAT_VERSION, "isolation": _isolate(request)})
    _prepare(request)
    if request.get("task") == "session":
        _serve(request, requests, results)
        os._exit(0)
    if request.get("task") == "twins":
        _template(request, requests, results)
        os._exit(0)
    message: dict[str, Any]
    try:
        message = {"ok": True, "result": _task(request)}
    except MemoryError:
        message = {"ok": False, "kind": "memory limit", "error": "the worker ran out of memory"}
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
        message = {
            "ok": False,
            "kind": "error",
            "error": f"{type(exc).__name__}: {exc}"[:2000],
            "traceback": traceback.format_exc(limit=8)[-4000:],
        }
    try:
        write_frame(results, message)
    except MemoryError:
        write_frame(results, {"ok": False, "kind": "memory limit", "error": "out of memory"})
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: user atexit hooks must not change the answer


if __name__ == "__main__":
    main()
