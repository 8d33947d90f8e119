"""Documents as the language server holds them: pygls's, with LSP's own line breaks."""

from __future__ import annotations

from collections.abc import Sequence

from pygls.workspace import TextDocument, Workspace

from afterburner.sandbox.lines import split_lines


class LspTextDocument(TextDocument):
    """pygls's document with LSP's lines: pygls splits with `str.splitlines()`, so an
    incremental edit after a form feed or U+2028 lands on the wrong line and the server's
    copy of the buffer stops matching the editor's."""

    @property
    def lines(self) -> Sequence[str]:
        return tuple(split_lines(self.source))


class LspWorkspace(Workspace):
    def _create_text_document(self, *args, **kwargs) -> TextDocument:
        doc = super()._create_text_document(*args, **kwargs)
        doc.__class__ = LspTextDocument
        return doc
