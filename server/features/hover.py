"""Hover on a function: its measured runtime, memory and percentiles, or how to measure."""

from __future__ import annotations

from lsprotocol import types

from .code_actions import APPLY, OPTIMIZE, PROFILE
from .present import command_link, hover_markdown


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls, params: types.HoverParams) -> types.Hover | None:
        doc = await ls.indexed(params.text_document.uri)
        span = doc.index.at(params.position.line) if doc else None
        if span is None:
            return None
        path = doc.path
        engine = ls.get_engine()
        rec = engine.record(path, span)
        among, rank = engine.percentiles(rec) if rec else (None, None)
        name, args = span.qualname.rsplit(".", 1)[-1], [doc.uri, span.qualname]
        links = (
            {
                "profile": command_link(f"Profile {name}", PROFILE, args),
                "optimize": command_link(f"Optimize {name}", OPTIMIZE, args),
                "apply": command_link("apply it", APPLY, args),
            }
            if ls.rich_text
            else None
        )
        text = hover_markdown(name, rec, among, rank, f"{engine.key(path)}::{span.qualname}", links)
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=types.Range(types.Position(span.def_line, 0), types.Position(span.def_line, 0)),
        )
