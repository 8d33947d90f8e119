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

    lines = []
    parts = []
    for i, title in enumerate(header):
        parts.append("| " + title.ljust(widths[i]) + " ")
    parts.append("|\n")
    lines.append("".join(parts))
    lines.append("".join(["|" + "-" * (width + 2) for width in widths]) + "|\n")
    for row in cells:
        lines.append(
            "".join(["| " + cell.ljust(widths[i]) + " " for i, cell in enumerate(row)]) + "|\n"
        )
    return "".join(lines)
