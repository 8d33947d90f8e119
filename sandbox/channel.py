"""One conversation with one side of a worker: frames out on one pipe, frames in on another,
every read bounded in time, and the side's processes as the kernel sees them."""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from . import launch, protocol


class WorkerFailed(Exception):
    """The worker broke the protocol or died; `str(exc)` says how."""


def clean_report(report: Any) -> dict:
    """The worker's isolation report, kept only in the shape the jail writes it."""
    if not isinstance(report, dict):
        return {}
    clean: dict[str, Any] = {}
    for key, value in report.items():
        if not isinstance(key, str):
            continue
        strings = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if isinstance(value, (str, bool)) or strings:
            clean[key] = value
    return clean


def ns_pid(pid: int) -> int | None:
    """The PID that `pid` has in its parent's namespace (the second NSpid field)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("NSpid:"):
                    ids = [int(x) for x in line.split()[1:]]
                    return ids[1] if len(ids) > 1 else ids[0]
    except (OSError, ValueError):
        return None
    return None


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


class Channel:
    """Talks to a process that answers on `results` what it reads on `requests`.

    `pid` is the host PID of the side's top process; `death` turns a closed channel into a
    reason ("crashed: SIGSEGV"); `idle` runs while waiting (draining stderr)."""

    def __init__(
        self,
        requests: int,
        results: int,
        pid: int,
        cancel: threading.Event | None,
        death: Callable[[], str],
        watch: list[int] = (),
        idle: Callable[[list[int]], None] = lambda ready: None,
    ) -> None:
        self.requests, self.results, self.pid = requests, results, pid
        self.cancel, self._death, self._watch, self._idle = cancel, death, list(watch), idle
        self._buffer = protocol.FrameBuffer()
        self._frames: list = []
        self.traceback = ""
        self.paused = False

    def send(self, frame: dict) -> None:
        try:
            protocol.write_frame(self.requests, frame)
        except OSError as exc:
            raise WorkerFailed(self._death() or f"stopped reading ({exc.strerror})") from None

    def next_frame(self, wall_s: float) -> Any:
        deadline = time.monotonic() + wall_s
        while not self._frames:
            if self.cancel is not None and self.cancel.is_set():
                raise WorkerFailed("cancelled")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WorkerFailed(f"timeout (over {wall_s:.3g} s)")
            fds = [self.results, *self._watch]
            ready, _, _ = select.select(fds, [], [], min(remaining, 0.05))
            self._idle(ready)
            if not ready and not _alive(self.pid):
                # Other holders of the pipe (the `unshare` above a worker keeps every
                # descriptor it was given) can keep its end open after the side died. A side
                # that wrote its answer and exited after `select` returned has left that
                # answer in the pipe: read it before calling the side dead.
                ready = select.select([self.results], [], [], 0)[0]
                if not ready:
                    raise WorkerFailed(self._death())
            if self.results in ready:
                data = os.read(self.results, 1 << 20)
                if not data:
                    raise WorkerFailed(self._death())
                try:
                    self._frames.extend(self._buffer.feed(data))
                except ValueError as exc:
                    raise WorkerFailed(f"flooded the result channel ({exc})") from None
                except Exception:  # noqa: BLE001 - undecodable bytes
                    raise WorkerFailed("sent bytes that are not a frame") from None
        return self._frames.pop(0)

    def ask(self, frame: dict, wall_s: float, on_ask: Callable[[Any], dict] | None = None) -> Any:
        """Send one operation and return its result; WorkerFailed when the side failed it
        (the message is the reason) or broke the protocol. Questions the side asks on the
        way (`{"ask": ...}`) go to on_ask, and its answers back."""
        self.send(frame)
        return self.answer(wall_s, on_ask)

    def answer(self, wall_s: float, on_ask: Callable[[Any], dict] | None = None) -> Any:
        """The result of the operation under way (see ask)."""
        deadline = time.monotonic() + wall_s
        while True:
            reply = self.next_frame(max(0.0, deadline - time.monotonic()))
            if isinstance(reply, dict) and "ask" in reply and on_ask is not None:
                self.send(on_ask(reply["ask"]))
                continue
            if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
                raise WorkerFailed("the worker sent a malformed frame")
            if reply["ok"]:
                return reply.get("result")
            self.traceback = str(reply.get("traceback") or "")[:4000]
            if reply.get("kind") == "memory limit":
                raise WorkerFailed("memory limit")
            raise WorkerFailed(f"error: {str(reply.get('error'))[:2000]}")

    # -- the side's processes ------------------------------------------------------------
    def pids(self) -> list[int]:
        return launch.tree(self.pid)

    def pause(self) -> list[int]:
        pids = self.pids()
        launch.signal_tree(pids, signal.SIGSTOP)
        launch.wait_stopped(pids)
        self.paused = True
        return pids

    def resume(self) -> None:
        launch.signal_tree(self.pids(), signal.SIGCONT)
        self.paused = False

    def cpu_ns(self, pids: list[int] | None = None) -> int:
        return launch.cpu_ns(pids if pids is not None else self.pids())

    def close_fds(self) -> None:
        for fd in (self.requests, self.results):
            try:
                os.close(fd)
            except OSError:
                pass
