"""A code lens over each measured function with its figure, and over the hottest functions
of the last scan with their share of the run."""

from __future__ import annotations

from lsprotocol import types

from .code_actions import OPTIMIZE
from .present import hot_title, lens_title


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_LENS)
    async def code_lens(ls, params: types.CodeLensParams) -> list[types.CodeLens] | None:
        uri = params.text_document.uri
        doc = await ls.indexed(uri)
        if doc is None:
            return None
        engine = ls.get_engine()
        hottest, key = engine.hot_functions(), engine.key(doc.path)
        lenses = []
        for span in doc.index.spans:
            at = types.Range(types.Position(span.def_line, 0), types.Position(span.def_line, 0))
            titles = []
            hot = hottest.get((key, span.qualname))
            if hot is not None and hot.source_hash == span.source_hash:  # as it was scanned
                titles.append(hot_title(hot.self_share, hot.of_tests, ls.rich_text))
            rec = engine.record(doc.path, span)
            if rec is not None and rec.measurement:
                titles.append(lens_title(rec, ls.rich_text))
            lenses += [
                types.CodeLens(
                    range=at,
                    command=types.Command(
                        title=title, command=OPTIMIZE, arguments=[uri, span.qualname]
                    ),
                )
                for title in titles
            ]
        return lenses
