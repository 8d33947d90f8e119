"""Code actions on the function under the cursor: Profile, Optimize, and one Apply action
per best verified rewrite, titled with its measured figures. Cheap: reads the store only."""

from __future__ import annotations

from lsprotocol import types

from afterburner.sandbox.errors import UserError

from ..documents import function_at
from ..edits import line_edits
from .present import rewrite_title

PROFILE, OPTIMIZE = "afterburner.profile", "afterburner.optimize"


def _edit(uri: str, version: int | None, old: str, new: str) -> types.WorkspaceEdit:
    edits = [
        types.TextEdit(range=types.Range(types.Position(a, b), types.Position(c, d)), new_text=text)
        for a, b, c, d, text in line_edits(old, new)
    ]
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                edits=edits,
            )
        ]
    )


def register(server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.RefactorRewrite, types.CodeActionKind.Refactor]
        ),
    )
    def code_actions(ls, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        doc = ls.document(uri)
        if doc is None:
            return None
        path, source = doc
        span = function_at(source, params.range.start.line)
        if span is None:
            return None
        name = span.qualname.rsplit(".", 1)[-1]
        args = [uri, span.qualname]
        actions = [
            types.CodeAction(
                title=f"Profile `{name}`",
                kind=types.CodeActionKind.Refactor,
                command=types.Command(title=f"Profile `{name}`", command=PROFILE, arguments=args),
            ),
            types.CodeAction(
                title=f"Optimize `{name}` with Afterburner",
                kind=types.CodeActionKind.Refactor,
                command=types.Command(title=f"Optimize `{name}`", command=OPTIMIZE, arguments=args),
            ),
        ]
        engine = ls.get_engine()
        rec = engine.record(path, source, span.qualname)
        if rec is None:
            return actions
        version = ls.workspace.get_text_document(uri).version
        for i, rewrite in enumerate(rec.best_rewrites()):
            try:
                new = engine.rewritten_source(source, span.qualname, rewrite)
            except (UserError, SyntaxError):
                continue
            actions.insert(
                i,
                types.CodeAction(
                    title=rewrite_title(name, rewrite),
                    kind=types.CodeActionKind.RefactorRewrite,
                    is_preferred=i == 0,
                    edit=_edit(uri, version, source, new),
                ),
            )
        return actions
