"""Hover on a function: its measured runtime, memory and percentiles, or how to measure."""

from __future__ import annotations

from lsprotocol import types

from ..documents import function_at
from .present import hover_markdown


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: types.HoverParams) -> types.Hover | None:
        doc = ls.document(params.text_document.uri)
        if doc is None:
            return None
        path, source = doc
        span = function_at(source, params.position.line)
        if span is None:
            return None
        engine = ls.get_engine()
        rec = engine.record(path, source, span.qualname)
        among, rank = engine.percentiles(rec) if rec else (None, None)
        text = hover_markdown(
            span.qualname.rsplit(".", 1)[-1],
            rec,
            among,
            rank,
            f"{engine.key(path)}::{span.qualname}",
        )
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
            range=types.Range(types.Position(span.def_line, 0), types.Position(span.def_line, 0)),
        )
