"""The language server: one server object, features wired in from `features/` modules.

Heavy work (profiling, the optimization loop) never runs in a request handler: it runs in
a job process per command (jobs.py), waited on from a worker thread, behind
`workspace/executeCommand` with cancellable work-done progress. Hovers, code actions and
lenses read the measurement store and the document's index, which one parsing thread
builds (documents.py).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from afterburner.sandbox.errors import UserError

from .config import Settings, parse_settings
from .documents import Index, index
from .engine import Engine
from .protocol import AfterburnerProtocol

log = logging.getLogger("afterburner")
VERSION = "0.1.0"


@dataclass(frozen=True)
class OpenDocument:
    """A Python document as the editor holds it, with the one parse of this version."""

    uri: str
    path: Path
    source: str
    index: Index


class AfterburnerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("afterburner", VERSION, protocol_cls=AfterburnerProtocol)
        self.settings = Settings()
        self.engine: Engine | None = None
        self.init_options: Any = None
        self.rich_text = False  # codicons and command links (set from the client's name)
        self.running: dict[tuple[str, str, str], threading.Event] = {}  # (kind, uri, qualname)
        self.background: set[asyncio.Task] = set()
        self.debounce: dict[str, asyncio.Task] = {}
        self.prewarm: dict[str, asyncio.Task] = {}
        self.watcher: Any = None
        self.event_loop: asyncio.AbstractEventLoop | None = None
        # Every parse the server makes runs here, one at a time and off the event loop: a
        # big document never blocks other requests, and `ast` stays single-threaded.
        self.ast_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="afterburner-ast")
        self.too_big_logged: set[str] = set()

    # -- helpers used by the features ------------------------------------------------------
    def root(self) -> Path:
        folders = self.workspace.folders
        if folders:
            return Path(to_fs_path(next(iter(folders.values())).uri))
        if self.workspace.root_uri:
            return Path(to_fs_path(self.workspace.root_uri))
        return Path.cwd()

    def get_engine(self) -> Engine:
        if self.engine is None:
            self.engine = Engine(self.root(), self.settings)
        return self.engine

    def document(self, uri: str) -> tuple[Path, str] | None:
        """Path and current text of a Python document, or None for anything else."""
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri)
        if not path or not (path.endswith(".py") or doc.language_id == "python"):
            return None
        return Path(path), doc.source

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Protocol errors and handler crashes go to the log, not into pop-ups: the user
        did nothing wrong, and a request's error already went back in its response."""
        log.error("%s: %s", getattr(source, "__name__", source), error)
        self.window_log_message(
            types.LogMessageParams(type=types.MessageType.Error, message=f"{error}")
        )

    async def in_ast_thread(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.ast_thread, fn, *args)

    async def indexed(self, uri: str) -> OpenDocument | None:
        """The document with its functions, or None for anything but Python."""
        doc = self.document(uri)
        if doc is None:
            return None
        path, source = doc
        found = await self.in_ast_thread(index, source)
        if found.too_big and uri not in self.too_big_logged:
            self.too_big_logged.add(uri)
            log.warning(
                "%s has %d characters: Afterburner's features are off for it", uri, len(source)
            )
        return OpenDocument(uri, path, source, found)

    def message(self, text: str, kind: types.MessageType = types.MessageType.Error) -> None:
        log.info("message: %s", text)
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"Afterburner: {text}"))

    def spawn(self, coro: Any) -> asyncio.Task:
        """A background task that is kept alive and whose failure is logged, not lost."""
        task = asyncio.ensure_future(coro)
        self.background.add(task)

        def done(t: asyncio.Task) -> None:
            self.background.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("background task failed", exc_info=t.exception())

        task.add_done_callback(done)
        return task

    async def run_blocking(
        self, fn: Callable[[threading.Event], Any], cancel: threading.Event
    ) -> Any:
        """Run fn in a thread; a cancelled await sets the event, which kills the workers."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(None, fn, cancel)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            cancel.set()
            # the work ends with "cancelled" later: read it, so it is not logged as lost
            future.add_done_callback(lambda f: f.cancelled() or f.exception())
            raise

    async def with_progress(
        self,
        title: str,
        work: Callable[[threading.Event, Callable[[str, float], None]], Any],
        key: tuple[str, str, str],
    ) -> Any:
        """Run blocking work with cancellable work-done progress; errors become messages."""
        if key in self.running:
            self.message(f"{title} is already running", types.MessageType.Info)
            return None
        cancel = threading.Event()
        self.running[key] = cancel
        request = self.protocol.msg_id  # the command's request: $/cancelRequest stops the job
        if request is not None:
            self.protocol.cancels[request] = cancel
        token = str(uuid.uuid4())
        loop = asyncio.get_running_loop()
        progress = self.work_done_progress
        supported = bool(
            self.client_capabilities.window and self.client_capabilities.window.work_done_progress
        )
        if supported:
            try:
                await asyncio.wait_for(progress.create_async(token), 5)
                progress.begin(
                    token, types.WorkDoneProgressBegin(title=title, cancellable=True, percentage=0)
                )
                progress.tokens[token].add_done_callback(lambda f: cancel.set())
            except Exception:  # a client that refuses progress still gets the work done
                supported = False

        def report(stage: str, fraction: float) -> None:
            if supported:
                loop.call_soon_threadsafe(
                    progress.report,
                    token,
                    types.WorkDoneProgressReport(message=stage, percentage=int(fraction * 100)),
                )

        outcome = "done"
        try:
            return await self.run_blocking(lambda ev: work(ev, report), cancel)
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        except UserError as exc:
            if cancel.is_set():
                outcome = "cancelled"
            else:
                outcome = "failed"
                self.message(str(exc))
        except Exception as exc:  # noqa: BLE001 - a crash in one job must not kill the server
            outcome = "failed"
            log.exception("job failed")
            self.message(f"{title} failed: {type(exc).__name__}: {exc} (see the server log)")
        finally:
            self.running.pop(key, None)
            self.protocol.cancels.pop(request, None)
            if cancel.is_set() and outcome == "done":
                outcome = "cancelled"
            if supported:
                progress.end(token, types.WorkDoneProgressEnd(message=outcome))
                progress.tokens.pop(token, None)
        return None

    async def refresh_settings(self) -> None:
        raw: Any = None
        if self.client_capabilities.workspace and self.client_capabilities.workspace.configuration:
            try:
                result = await asyncio.wait_for(
                    self.workspace_configuration_async(
                        types.ConfigurationParams(
                            items=[types.ConfigurationItem(section="afterburner")]
                        )
                    ),
                    5,
                )
                raw = result[0] if result else None
            except Exception:  # noqa: BLE001 - clients without configuration keep the defaults
                raw = None
        base, errors = parse_settings(self.init_options)
        settings, more = parse_settings(raw, base)
        for error in errors + more:
            self.message(error, types.MessageType.Warning)
        self.settings = settings
        if self.engine is not None:
            self.engine.configure(settings)


def create_server() -> AfterburnerServer:
    from .features import FEATURES

    server = AfterburnerServer()
    for feature in FEATURES:
        feature.register(server)
    return server
