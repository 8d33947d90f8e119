"""Initialization, settings, the file watcher and shutdown."""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types

from afterburner.sandbox.errors import UserError

log = logging.getLogger("afterburner")


def register(server) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls, params: types.InitializeParams) -> None:
        ls.init_options = params.initialization_options

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


def forget_stale(ls, file: Path) -> None:
    """Drop records of functions of `file` whose source is no longer there. Runs on the
    event loop thread: `ast` must stay single-threaded in this process (CPython 3.11)."""
    from ..documents import source_hashes
    from .diagnostics import publish_all

    engine = ls.get_engine()
    try:
        source = file.read_text(encoding="utf-8")
        compile(source, str(file), "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
        hashes = set(source_hashes(source).values())
    except (OSError, ValueError, SyntaxError, UserError):
        return  # unreadable or mid-write: keep everything until the next change
    if engine.store.forget_file(engine.key(file), hashes):
        publish_all(ls)


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
            loop.call_soon_threadsafe(forget_stale, ls, Path(path))

    try:
        observer = Observer()
        observer.schedule(Handler(), str(engine.root), recursive=True)
        observer.daemon = True
        observer.start()
        ls.watcher = observer
    except OSError as exc:
        log.warning("file watcher unavailable: %s", exc)
