"""The editor's and the CLI's side of a rewrite: minimal line edits in LSP coordinates, and
files replaced in one step. The rewrite itself is spliced in by `sandbox.splice`."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from afterburner.sandbox.lines import split_lines, strip_break


def line_edits(
    old: str, new: str, units: Callable[[str], int]
) -> list[tuple[int, int, int, int, str]]:
    """Minimal whole-line edits turning old into new, as (start_line, start_char, end_line,
    end_char, text) in LSP coordinates: 0-based lines, characters counted by `units` (the
    negotiated position encoding's code units of a string)."""
    import difflib

    a, b = split_lines(old), split_lines(new)
    edits = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 == len(a) and a and strip_break(a[-1]) == a[-1]:
            end = (len(a) - 1, units(a[-1]))  # the last line has no line break
        else:
            end = (i2, 0)
        edits.append((i1, 0, end[0], end[1], "".join(b[j1:j2])))
    return edits


def write_atomically(path: Path, text: str) -> None:
    """Replace the file's content in one step (a crash leaves the old file or the new one,
    never half of one), keeping its permissions; line breaks are written as given."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
