"""One line model (LSP's `\\n`, `\\r\\n`, `\\r`) for the server, the edits and the function
extraction, whatever else the text holds: form feed, U+2028, U+0085, astral characters."""

from __future__ import annotations

import ast

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from afterburner.sandbox.lines import newline_of, read_source, split_lines, strip_break, to_lf
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.target import function_info
from afterburner.server.documents import function_at, functions
from afterburner.server.edits import line_edits
from afterburner.server.lsp_documents import LspTextDocument

SEPARATORS = {"form feed": "\x0c", "U+2028": "\u2028", "U+0085": "\x85", "U+2029": "\u2029"}
NEWLINES = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


def module(nl: str, odd: str) -> str:
    """A module with `odd` in a comment and a string before and inside the function."""
    lines = [
        f"# page one{odd}still the same line",
        odd if odd == "\x0c" else f"#{odd}",  # a page break alone on its line
        "import os",
        "",
        "def dedupe(xs):",
        f"    # {odd} inside",
        "    out = []",
        "    for x in xs:",
        "        if x not in out:",
        "            out.append(x)",
        f"    label = 'ünïcødé 🚀{odd}'",
        "    return out  # 🚀 the last line",
        "",
        "def after():",
        "    return os.sep",
    ]
    return nl.join(lines) + nl


FAST = "def dedupe(xs):\n    return list(dict.fromkeys(xs))\n"


@pytest.mark.parametrize("nl", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("odd", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_lines_agree_with_python(nl, odd):
    src = module(nl, odd)
    lines = split_lines(src)
    assert "".join(lines) == src and len(lines) == 15
    tree = ast.parse(src)
    func = tree.body[1]
    assert (func.lineno, func.end_lineno) == (5, 12)
    assert lines[4].startswith("def dedupe") and strip_break(lines[4]) == "def dedupe(xs):"
    assert newline_of(src) == nl
    spans = {s.qualname: s for s in functions(src)}
    assert (spans["dedupe"].def_line, spans["dedupe"].end_line) == (4, 11)
    assert function_at(src, 11).qualname == "dedupe"
    assert function_at(src, 14).qualname == "after"


@pytest.mark.parametrize("nl", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("odd", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_function_extraction_and_identity(nl, odd):
    src = module(nl, odd)
    info = function_info(src, "dedupe")
    assert info.source.startswith("def dedupe(xs):\n") and "\r" not in info.source
    assert info.source.rstrip().endswith("return out  # 🚀 the last line")
    ast.parse(info.source)
    # a function's identity does not depend on the file's line breaks
    assert info.source_hash == function_info(module("\n", odd), "dedupe").source_hash


@pytest.mark.parametrize("nl", NEWLINES.values(), ids=NEWLINES.keys())
@pytest.mark.parametrize("odd", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_rewrite_replaces_exactly_the_function(nl, odd):
    src = module(nl, odd)
    new = apply_rewrite(src, "dedupe", FAST)
    ast.parse(new)
    assert new.startswith(nl.join(module(nl, odd).split(nl)[:4]))
    assert new.endswith(f"def after():{nl}    return os.sep{nl}")
    assert "if x not in out" not in new and "dict.fromkeys" in new
    assert to_lf(new).count("\n") == len(split_lines(new))  # one kind of break: the file's
    assert all(line.endswith(nl) for line in split_lines(new))


def _client_apply(text: str, edits, encoding: str) -> str:
    """What an editor does with the edits: positions in `encoding` code units, LSP lines."""
    doc = LspTextDocument(
        "file:///m.py",
        source=text,
        sync_kind=types.TextDocumentSyncKind.Incremental,
        position_codec=PositionCodec(encoding=encoding),
    )
    for a, b, c, d, new_text in sorted(edits, reverse=True):
        rng = types.Range(types.Position(a, b), types.Position(c, d))
        doc.apply_change(types.TextDocumentContentChangePartial(range=rng, text=new_text))
    return doc.source


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
@pytest.mark.parametrize("odd", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_edits_in_every_position_encoding(encoding, odd):
    codec = PositionCodec(encoding=encoding)
    # the function's last line, with astral characters, is the file's last and has no break
    src = module("\r\n", odd).split("\r\n\r\ndef after")[0]
    new = apply_rewrite(src, "dedupe", FAST)
    edits = line_edits(src, new, codec.client_num_units)
    assert _client_apply(src, edits, encoding) == new


def test_incremental_changes_after_a_form_feed_land_on_their_line():
    # pygls's own document splits with str.splitlines(): the edit would land a line early
    doc = LspTextDocument(
        "file:///m.py",
        source="a = 1\x0c\nb = 2\n",
        sync_kind=types.TextDocumentSyncKind.Incremental,
    )
    rng = types.Range(types.Position(1, 0), types.Position(1, 1))
    doc.apply_change(types.TextDocumentContentChangePartial(range=rng, text="c"))
    assert doc.source == "a = 1\x0c\nc = 2\n"


def test_read_source_keeps_line_breaks(tmp_path):
    path = tmp_path / "m.py"
    path.write_bytes("\ufeffx = 1\r\ny = 'é'\rz = 2\n".encode())
    assert read_source(path) == "x = 1\r\ny = 'é'\rz = 2\n"
