"""Initialization, settings, the file watcher and shutdown."""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types

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


def start_watcher(ls) -> None:
    """watchdog notices .py files changed outside the editor (git checkout, formatters):
    records of functions whose source is gone are dropped and diagnostics refreshed."""
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:  # pragma: no cover - watchdog is a dependency
        return
    engine = ls.get_engine()
    loop = ls.event_loop

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            path = getattr(event, "dest_path", "") or event.src_path
            if event.is_directory or not str(path).endswith(".py") or "/.afterburner/" in str(path):
                return
            from ..documents import functions

            file = Path(path)
            try:
                source = file.read_text(encoding="utf-8")
                from afterburner.sandbox.target import function_info

                hashes = {function_info(source, f.qualname).source_hash for f in functions(source)}
            except (OSError, UnicodeDecodeError, Exception):
                hashes = set()
            if engine.store.forget_file(engine.key(file), hashes) and loop is not None:
                from .diagnostics import publish_all

                loop.call_soon_threadsafe(publish_all, ls)

    try:
        observer = Observer()
        observer.schedule(Handler(), str(engine.root), recursive=True)
        observer.daemon = True
        observer.start()
        ls.watcher = observer
    except OSError as exc:
        log.warning("file watcher unavailable: %s", exc)
