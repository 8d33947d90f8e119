"""Plain-text tables for the `inventory report` CLI command."""
from typing import Sequence


def render_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Render rows as a pipe-delimited table with padded columns.

    Every row must have as many cells as the header.  Cells are converted with
    str() and left-aligned; a dashed rule separates the header from the body.
    """
    cells = [[str(value) for value in row] for row in rows]
    widths = [len(title) for title in header]
    for row in cells:
        for i, cell in enumerate(row):
            if len(cell) > widths[i]:
                widths[i] = len(cell)

    out = ""
    for i, title in enumerate(header):
        out = out + "| " + title.ljust(widths[i]) + " "
    out = out + "|\n"
    for width in widths:
        out = out + "|" + "-" * (width + 2)
    out = out + "|\n"
    for row in cells:
        for i, cell in enumerate(row):
            out = out + "| " + cell.ljust(widths[i]) + " "
        out = out + "|\n"
    return out
