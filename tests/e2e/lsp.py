"""What the LSP end-to-end tests do as an editor: open documents, ask, apply edits."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import psutil
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec
from pytest_lsp import LanguageClient

from afterburner.server.lsp_documents import LspTextDocument
from tests.conftest import case_dirs

CASES = case_dirs()
CASE = next((c for c in CASES if c.name.startswith("p03")), None)


def open_doc(
    client: LanguageClient, path: Path, language: str = "python", text: str | None = None
) -> str:
    """didOpen with the file's text, or with `text` (a buffer that differs from the disk)."""
    uri = path.as_uri()
    if text is None:
        text = path.read_bytes().decode()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


def change_doc(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def command(client: LanguageClient, name: str, *arguments):
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=f"afterburner.{name}", arguments=list(arguments))
    )


async def hover(client, uri, line):
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, 4)
        )
    )


async def actions(client, uri, line):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(line, 0), types.Position(line, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )


def apply_edit(text: str, edit: types.WorkspaceEdit, encoding: str = "utf-16") -> str:
    """The edit applied as an editor applies it: LSP lines, columns in `encoding`."""
    doc = LspTextDocument(
        "file:///edited.py",
        source=text,
        sync_kind=types.TextDocumentSyncKind.Incremental,
        position_codec=PositionCodec(encoding=encoding),
    )
    for change in edit.document_changes:
        ordered = sorted(
            change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        )
        for e in ordered:
            doc.apply_change(types.TextDocumentContentChangePartial(range=e.range, text=e.new_text))
    return doc.source


async def eventually(check, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.2)
    return check()


def workers(server_pid: int) -> list[psutil.Process]:
    """Sandbox workers under this server (not those of other processes on the machine)."""
    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for p in children:
        try:
            if any("afterburner" in part for part in p.cmdline()) and "-I" in p.cmdline():
                out.append(p)
        except psutil.Error:
            continue
    return out
