"""Worker entry point: `python -I -m afterburner.sandbox.child.main REQUEST RESULT_FD`.

One request per process, like pyperf's `--worker`: the request file (msgpack) holds every
setting, so any worker run can be repeated by hand. The result goes back as msgpack frames
on a dedicated pipe, never on stdout, which belongs to the user's code.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Any


def _send(fd: int, message: dict) -> None:
    from ..protocol import pack

    data = pack(message)
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _setup(request: dict) -> dict:
    isolation: dict[str, Any] = {}
    if request.get("jail"):
        from . import jail

        try:
            isolation.update(jail.enter(Path(request["tmp"]), request.get("home"), request["keep"]))
        except OSError as exc:
            isolation["filesystem"] = f"not isolated: {exc}"
    sys.dont_write_bytecode = True
    for path in reversed(request.get("sys_path", [])):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.chdir(request["tmp"])
    return isolation


def _handle(request: dict) -> Any:
    from . import tasks

    handler = getattr(tasks, "task_" + request["task"], None)
    if handler is None:
        raise ValueError(f"unknown task {request['task']!r}")
    return handler(request)


def main(argv: list[str]) -> int:
    from ..protocol import FORMAT_VERSION, unpack

    request_path, result_fd = argv[0], int(argv[1])
    with open(request_path, "rb") as fh:
        request = unpack(fh.read())
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    message: dict[str, Any] = {"version": FORMAT_VERSION}
    try:
        message["isolation"] = _setup(request)
        message["result"] = _handle(request)
        message["ok"] = True
    except MemoryError:
        message.update(ok=False, kind="memory limit", error="the worker ran out of memory")
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
        message.update(
            ok=False,
            kind="error",
            error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(limit=8)[-4000:],
        )
    try:
        _send(result_fd, message)
    except MemoryError:
        _send(
            result_fd,
            {
                "version": FORMAT_VERSION,
                "ok": False,
                "kind": "memory limit",
                "error": "the worker ran out of memory",
            },
        )
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: user atexit hooks must not change the verdict


if __name__ == "__main__":
    main(sys.argv[1:])
