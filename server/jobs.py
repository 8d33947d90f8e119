"""Heavy work (profiling, the optimization loop) runs in a child process of the server, one
per job: the server's event loop never shares a GIL with a model or the loop, a crash in a
job cannot take the server down, and cancelling kills the job's whole process tree.

(It also keeps the rules backend's `ast` work out of the server, whose own parsing runs in
one thread: CPython 3.11's AST constructor state is not thread-safe.)
"""

from __future__ import annotations

import importlib
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from typing import Any

from afterburner.sandbox.errors import UserError
from afterburner.sandbox.worker import kill_tree

Progress = Callable[[str, float], None]
_CONTEXT = multiprocessing.get_context("spawn")


class JobError(UserError):
    pass


def _child(conn: Any, module: str, function: str, kwargs: dict) -> None:
    cancel = threading.Event()

    def listen() -> None:
        try:
            while True:
                if conn.recv() == "cancel":
                    cancel.set()
                    return
        except (EOFError, OSError):
            cancel.set()  # the server went away: stop working

    threading.Thread(target=listen, daemon=True).start()

    def progress(stage: str, fraction: float) -> None:
        conn.send(("progress", stage, fraction))

    try:
        fn = getattr(importlib.import_module(module), function)
        conn.send(("result", fn(cancel=cancel, progress=progress, **kwargs)))
    except UserError as exc:
        conn.send(("user-error", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - reported to the server, which stays up
        conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=10)))


def run_job(
    module: str,
    function: str,
    kwargs: dict,
    cancel: threading.Event,
    progress: Progress | None = None,
    grace_s: float = 5.0,
) -> Any:
    """Run module.function(cancel=..., progress=..., **kwargs) in a child process; blocks.

    Setting `cancel` asks the job to stop (it kills its sandbox workers) and, after
    grace_s, kills its process tree. Raises JobError when cancelled or crashed."""
    parent, child = _CONTEXT.Pipe()
    proc = _CONTEXT.Process(target=_child, args=(child, module, function, kwargs), daemon=True)
    proc.start()
    child.close()
    cancelled_at = None
    try:
        while True:
            if cancel.is_set() and cancelled_at is None:
                cancelled_at = _now()
                try:
                    parent.send("cancel")
                except OSError:
                    pass
            if cancelled_at is not None and _now() - cancelled_at > grace_s:
                raise JobError("cancelled")
            if parent.poll(0.05):
                try:
                    message = parent.recv()
                except EOFError:
                    if cancel.is_set():
                        raise JobError("cancelled") from None
                    raise JobError(f"the job process died (exit code {proc.exitcode})") from None
                kind = message[0]
                if kind == "progress":
                    if progress is not None:
                        progress(message[1], message[2])
                elif kind == "result":
                    return message[1]
                elif kind == "user-error":
                    raise UserError(message[1])
                else:
                    raise JobError(f"{message[1]}\n{message[2]}")
            elif not proc.is_alive() and not parent.poll():
                if cancel.is_set():
                    raise JobError("cancelled")
                raise JobError(f"the job process died (exit code {proc.exitcode})")
    finally:
        parent.close()
        if proc.is_alive():
            proc.join(0.5 if cancelled_at is None else 0.0)
        if proc.is_alive():
            kill_tree(proc.pid)
        proc.join(2)


def _now() -> float:
    import time

    return time.monotonic()
