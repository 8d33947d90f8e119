"""A code lens over each measured function with its figure."""

from __future__ import annotations

from lsprotocol import types

from .code_actions import OPTIMIZE
from .present import lens_title


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_CODE_LENS)
    async def code_lens(ls, params: types.CodeLensParams) -> list[types.CodeLens] | None:
        uri = params.text_document.uri
        doc = await ls.indexed(uri)
        if doc is None:
            return None
        engine = ls.get_engine()
        lenses = []
        for span in doc.index.spans:
            rec = engine.record(doc.path, span)
            if rec is None or not rec.measurement:
                continue
            lenses.append(
                types.CodeLens(
                    range=types.Range(
                        types.Position(span.def_line, 0), types.Position(span.def_line, 0)
                    ),
                    command=types.Command(
                        title=lens_title(rec, ls.rich_text),
                        command=OPTIMIZE,
                        arguments=[uri, span.qualname],
                    ),
                )
            )
        return lenses
