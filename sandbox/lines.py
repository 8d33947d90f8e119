"""The one line model of every place that counts lines in source: LSP's line breaks
(`\\n`, `\\r\\n`, `\\r`), which are also Python's. `str.splitlines()` breaks at form feed,
U+2028, U+0085 and more as well, so it is never used on source text: a form feed before a
function would shift every line after it by one, between the editor, `ast` and the edits.

Source is read without newline translation, so a CRLF file stays CRLF where it is written
back; a function's identity (its hash) does not depend on its line endings.
"""

from __future__ import annotations

import re
from pathlib import Path

_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines with their line breaks, as LSP counts them; no empty last line."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def strip_break(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    return line[:-1] if line.endswith(("\r", "\n")) else line


def to_lf(text: str) -> str:
    return _BREAK.sub("\n", text)


def newline_of(text: str) -> str:
    """The file's line break (its first one), `\\n` when it has none."""
    m = _BREAK.search(text)
    return m.group() if m else "\n"


def read_source(path: str | Path) -> str:
    """A source file's text as it is on disk (UTF-8, a BOM dropped, line breaks kept)."""
    return Path(path).read_bytes().decode("utf-8-sig")
