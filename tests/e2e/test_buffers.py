"""Buffers as people have them: unsaved (auto-save off), CRLF, page breaks and Unicode line
separators that only `str.splitlines()` counts, astral characters under each position
encoding. The rewrite offered is for the text on screen, and applying it gives a file that
parses, with every other byte kept."""

from __future__ import annotations

import ast

import pytest
from pytest_lsp import LanguageClient

from afterburner.sandbox.lines import split_lines
from tests.e2e.lsp import CASE, actions, apply_edit, change_doc, command, hover, open_doc

pytestmark = [pytest.mark.skipif(CASE is None, reason="tests/fixtures/cases is not present")]
HEADER = "# Scheduling.\x0c\r\n# page two 🚀\u2028still the same comment\r\n\r\n"


def slow_buffer() -> str:
    """The slow case in CRLF with odd line separators above it, and its last line (the
    file's, with no line break) ending in astral characters."""
    slow = (CASE / "mod.py").read_text().rstrip("\n")
    slow = slow.replace("    return finished", "    return finished  # ✨ done 🚀")
    return HEADER + slow.replace("\n", "\r\n")


@pytest.mark.parametrize(
    "client",
    [
        {"backend": "rules", "rounds": 1, "k": 2, "encoding": "utf-16"},
        {"backend": "rules", "rounds": 1, "k": 2, "encoding": "utf-8"},
    ],
    indirect=True,
    ids=["utf-16", "utf-8"],
)
async def test_optimize_the_unsaved_buffer_and_apply(client: LanguageClient, workspace):
    path = workspace / "mod.py"
    fast = (CASE / "cand_fast.py").read_text()
    path.write_text(fast)  # the disk holds a fast version; the screen a slow one
    buffer = slow_buffer()
    uri = open_doc(client, path, text=buffer)
    def_line = next(i for i, line in enumerate(split_lines(buffer)) if line.startswith("def "))
    assert def_line == 3

    result = await command(client, "optimize", uri, "round_robin")
    assert result is not None and result["speedup"] is not None, [
        m.message for m in client.messages
    ]
    assert (await hover(client, uri, def_line)).contents.value.count("Not measured") == 0
    apply = (await actions(client, uri, def_line + 2))[0]
    assert apply.title.startswith("Apply ")

    edited = apply_edit(buffer, apply.edit, client.position_encoding)
    ast.parse(edited)
    comments = HEADER.rstrip("\r\n") + "\r\n"
    assert edited.startswith(comments + "from collections import deque\r\n")
    assert "queue.pop(0)" not in edited
    lines = split_lines(edited)
    assert all(line.endswith("\r\n") for line in lines[:-1]), "CRLF kept"
    assert path.read_text() == fast, "the saved file was not touched"

    # the action belongs to the text it was measured on: gone once the buffer changes
    change_doc(client, uri, 2, edited)
    titles = [a.title for a in await actions(client, uri, def_line + 2)]
    assert not any(t.startswith("Apply") for t in titles)
