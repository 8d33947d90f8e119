"""A bare JSON-RPC client over the server's stdio, for what a well-behaved client library
never sends: malformed params, requests out of order, an `exit` without `shutdown`."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class RawClient:
    def __init__(self, cwd: Path, argv: list[str] | None = None) -> None:
        self.proc = subprocess.Popen(
            argv or [sys.executable, "-m", "afterburner.server.cli", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
        )
        self.received: list[dict] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            line = out.readline()
            if not line:
                return
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
                while out.readline().strip():
                    pass
                message = json.loads(out.read(length))
                if message.get("method") == "workspace/configuration":
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": [None]})
                if message.get("method") == "window/workDoneProgress/create":
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                with self._lock:
                    self.received.append(message)

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def ask(self, id_: int, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})

    def answer(self, id_: int, timeout_s: float = 30.0) -> dict | None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                for m in self.received:
                    if m.get("id") == id_ and "method" not in m:
                        return m
            time.sleep(0.02)
        return None

    def shown(self) -> list[str]:
        """What the user would have seen as pop-ups."""
        with self._lock:
            return [
                m["params"]["message"]
                for m in self.received
                if m.get("method") == "window/showMessage"
            ]

    def initialize(self, root: Path) -> None:
        self.ask(
            1,
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {"window": {"workDoneProgress": True}},
            },
        )
        assert self.answer(1) is not None
        self.notify("initialized", {})

    def exit_status(self, timeout_s: float = 10.0) -> int | None:
        try:
            return self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
