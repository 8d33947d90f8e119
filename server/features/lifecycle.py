"""Initialization, settings, the file watcher and shutdown."""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types

from afterburner.sandbox.lines import read_source

log = logging.getLogger("afterburner")


def register(server) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls, params: types.InitializeParams) -> None:
        from ..lsp_documents import LspWorkspace

        ls.init_options = params.initialization_options
        # VS Code draws codicons in lenses and runs command links in hovers (our extension
        # trusts exactly our commands); other clients get plain text
        name = (params.client_info.name if params.client_info else "") or ""
        ls.rich_text = "code" in name.lower()
        # pygls builds its Workspace just before this handler, and no document exists yet:
        # from here on every document counts lines as LSP does (documents.py)
        ls.workspace.__class__ = LspWorkspace

    @server.feature(types.INITIALIZED)
    async def initialized(ls, params: types.InitializedParams) -> None:
        import asyncio

        ls.event_loop = asyncio.get_running_loop()
        await ls.refresh_settings()
        ls.get_engine()
        start_watcher(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def changed(ls, params: types.DidChangeConfigurationParams) -> None:
        await ls.refresh_settings()

    @server.feature(types.SHUTDOWN)
    def shutdown(ls, params: None) -> None:
        for cancel in list(ls.running.values()):
            cancel.set()
        if ls.watcher is not None:
            ls.watcher.stop()
        if ls.engine is not None:
            ls.engine.close()  # the loaded models go with the server


def _hashes_on_disk(file: Path) -> set[str] | None:
    """The hashes of the functions the file holds now; None while it cannot be read or
    does not parse (mid-write, or a conflict): then nothing is forgotten."""
    from afterburner.sandbox import syntax

    from ..documents import index

    try:
        source = read_source(file)
        syntax.parse(source, str(file))
    except (OSError, ValueError, SyntaxError):
        return None
    found = index(source)
    return None if found.too_big else {s.source_hash for s in found.spans}


async def forget_stale(ls, file: Path) -> None:
    """Drop records of functions of `file` whose source is no longer there."""
    from .diagnostics import publish_all

    hashes = await ls.in_ast_thread(_hashes_on_disk, file)
    engine = ls.get_engine()
    if hashes is not None and engine.store.forget_file(engine.key(file), hashes):
        await publish_all(ls)


def start_watcher(ls) -> None:
    """watchdog notices .py files changed outside the editor (git checkout, formatters):
    records of functions whose source is gone are dropped and diagnostics refreshed."""
    try:
        from watchdog.events import (
            FileCreatedEvent,
            FileDeletedEvent,
            FileModifiedEvent,
            FileMovedEvent,
            FileSystemEventHandler,
        )
        from watchdog.observers import Observer
    except ImportError:  # pragma: no cover - watchdog is a dependency
        return
    engine = ls.get_engine()
    loop = ls.event_loop
    changes = (FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if not isinstance(event, changes):
                return  # opening or reading a file (our own jobs do) changes nothing
            path = getattr(event, "dest_path", "") or event.src_path
            if not str(path).endswith(".py") or "/.afterburner/" in str(path) or loop is None:
                return
            loop.call_soon_threadsafe(lambda p=Path(path): ls.spawn(forget_stale(ls, p)))

    try:
        observer = Observer()
        observer.schedule(Handler(), str(engine.root), recursive=True)
        observer.daemon = True
        observer.start()
        ls.watcher = observer
    except OSError as exc:
        log.warning("file watcher unavailable: %s", exc)
