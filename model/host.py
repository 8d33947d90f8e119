"""A model that outlives jobs: one process holds a loaded backend (a transformers or vLLM
checkpoint, tens of seconds to load) and serves `generate` to every job that asks, over a
Unix socket only the server's user can open, with a random key.

The language server keeps one host per backend setting (`BackendHost`); each job process
talks to it through `RemoteBackend`, which has the `Backend` interface. A host whose
process died is started again by the next job; a changed setting gets a new host.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import secrets
import shutil
import tempfile
import threading
import traceback
from dataclasses import asdict
from multiprocessing.connection import Client, Listener
from pathlib import Path
from typing import Any

from .backends import BackendConfig, BackendError, GenerationSettings, Prompt, make_backend

_CONTEXT = multiprocessing.get_context("spawn")
HOSTED = ("transformers", "vllm")  # loading is what makes these slow to start


def _serve(config: dict, address: str, authkey: bytes, ready: Any) -> None:
    """The host process: load the backend, say so, answer requests until told to stop."""
    try:
        backend = make_backend(BackendConfig(**config))
    except BaseException as exc:  # noqa: BLE001 - the server shows it as the job's error
        ready.send(("error", str(exc) if isinstance(exc, BackendError) else repr(exc)))
        return
    lock = threading.Lock()
    served = {"generate": 0}
    listener = Listener(address, family="AF_UNIX", authkey=authkey)
    ready.send(("ready", os.getpid()))

    def orphaned() -> None:  # the server went away (even by SIGKILL): so does its model
        try:
            ready.recv()
        except (EOFError, OSError):
            pass
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()

    def handle(conn: Any) -> None:
        with conn:
            while True:
                try:
                    kind, *args = conn.recv()
                except (EOFError, OSError):
                    return
                try:
                    if kind == "generate":
                        prompts = [Prompt.from_dict(p) for p in args[0]]
                        with lock:  # one model: one generation at a time
                            out = backend.generate(prompts, GenerationSettings(**args[1]))
                        served["generate"] += 1
                        conn.send(("ok", out))
                    elif kind == "stats":
                        conn.send(("ok", {"pid": os.getpid(), **served}))
                    else:
                        conn.send(("error", f"unknown request {kind!r}"))
                except BackendError as exc:
                    conn.send(("error", str(exc)))
                except Exception as exc:  # noqa: BLE001 - one bad request keeps the host up
                    conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(5)}"))

    while True:
        try:
            conn = listener.accept()
        except OSError:
            continue  # a client that failed the key check
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


class BackendHost:
    """In the server: the host process of one backend setting, started on first use."""

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self.proc: Any = None
        self.folder: Path | None = None
        self.address = ""
        self.authkey = b""
        self._pipe: Any = None
        self._lock = threading.Lock()

    def connection_info(self, timeout_s: float = 600.0) -> dict:
        """Where jobs reach the loaded model; starts (or restarts) the host when needed."""
        with self._lock:
            if self.proc is None or not self.proc.is_alive():
                self._start(timeout_s)
            return {
                "address": self.address,
                "authkey": self.authkey.hex(),
                "backend": self.config.backend,
            }

    def _start(self, timeout_s: float) -> None:
        self.close()
        self.folder = Path(tempfile.mkdtemp(prefix="afterburner-model-"))
        os.chmod(self.folder, 0o700)
        self.address = str(self.folder / "socket")
        self.authkey = secrets.token_bytes(32)
        parent, child = _CONTEXT.Pipe()
        # not a daemon: vLLM starts processes of its own, which a daemon may not
        self.proc = _CONTEXT.Process(
            target=_serve, args=(asdict(self.config), self.address, self.authkey, child)
        )
        self.proc.start()
        child.close()
        atexit.register(self.close)  # before multiprocessing's own hook would wait for it
        if not parent.poll(timeout_s):
            self.close()
            raise BackendError(
                f"the {self.config.backend} model did not load within {timeout_s:.0f} s"
            )
        try:
            kind, detail = parent.recv()
        except EOFError:
            code = self.proc.exitcode
            kind, detail = "error", f"the model process died while loading (exit code {code})"
        if kind != "ready":
            self.close()
            raise BackendError(detail)
        self._pipe = parent  # held open while the host should live

    def close(self) -> None:
        atexit.unregister(self.close)
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self.proc is not None and self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.proc = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class RemoteBackend:
    """In a job: the `Backend` interface over a host's socket."""

    def __init__(self, info: dict) -> None:
        self.name = info["backend"]
        try:
            key = bytes.fromhex(info["authkey"])
            self._conn = Client(info["address"], family="AF_UNIX", authkey=key)
        except (OSError, EOFError) as exc:
            raise BackendError(
                f"the {self.name} model process cannot be reached ({exc}); run the job again"
            ) from None

    def _ask(self, *request: Any) -> Any:
        try:
            self._conn.send(request)
            kind, value = self._conn.recv()
        except (OSError, EOFError):
            raise BackendError(
                f"the {self.name} model process died; the next job starts it again"
            ) from None
        if kind != "ok":
            raise BackendError(value)
        return value

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        return self._ask("generate", [asdict(p) for p in prompts], asdict(settings))

    def stats(self) -> dict:
        return self._ask("stats")

    def close(self) -> None:
        self._conn.close()  # the model stays loaded for the next job
