"""Code actions on the function under the cursor: Profile, Optimize, and one Apply action
per best verified rewrite, titled with its measured figures. Reads the store only; the
edits are built in the server's parsing thread."""

from __future__ import annotations

from lsprotocol import types

from afterburner.sandbox.errors import UserError

from ..edits import line_edits
from ..records import Rewrite
from .present import rewrite_title

PROFILE, OPTIMIZE, APPLY = "afterburner.profile", "afterburner.optimize", "afterburner.apply"
SCAN = "afterburner.scan"


def _edit(uri: str, version: int | None, old: str, new: str, units) -> types.WorkspaceEdit:
    edits = [
        types.TextEdit(range=types.Range(types.Position(a, b), types.Position(c, d)), new_text=text)
        for a, b, c, d, text in line_edits(old, new, units)
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


async def verified_edits(ls, doc, span, limit: int = 3) -> list[tuple[dict, types.WorkspaceEdit]]:
    """The best verified rewrites of `span` with the edit each makes to the document as the
    editor holds it (built in the parsing thread: it parses the whole module)."""
    engine = ls.get_engine()
    rec = engine.record(doc.path, span)
    if rec is None:
        return []
    version = ls.workspace.get_text_document(doc.uri).version
    units = ls.workspace.position_codec.client_num_units

    def edit_for(rewrite: Rewrite) -> types.WorkspaceEdit:
        new = engine.rewritten_source(doc.source, span.qualname, rewrite)
        return _edit(doc.uri, version, doc.source, new, units)

    out = []
    for rewrite in rec.best_rewrites(limit):
        try:
            out.append((rewrite, await ls.in_ast_thread(edit_for, rewrite)))
        except (UserError, SyntaxError):
            continue
    return out


def register(server) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.RefactorRewrite, types.CodeActionKind.Refactor]
        ),
    )
    async def code_actions(ls, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        doc = await ls.indexed(uri)
        span = doc.index.at(params.range.start.line) if doc else None
        if span is None:
            return None
        name = span.qualname.rsplit(".", 1)[-1]
        args = [uri, span.qualname]
        actions = [
            types.CodeAction(
                title=f"Profile {name}",
                kind=types.CodeActionKind.Refactor,
                command=types.Command(title=f"Profile {name}", command=PROFILE, arguments=args),
            ),
            types.CodeAction(
                title=f"Optimize {name} with Afterburner",
                kind=types.CodeActionKind.Refactor,
                command=types.Command(title=f"Optimize {name}", command=OPTIMIZE, arguments=args),
            ),
        ]
        for i, (rewrite, edit) in enumerate(await verified_edits(ls, doc, span)):
            actions.insert(
                i,
                types.CodeAction(
                    title=rewrite_title(name, rewrite),
                    kind=types.CodeActionKind.RefactorRewrite,
                    is_preferred=i == 0,
                    edit=edit,
                ),
            )
        return actions
