"""A tiny SQL text builder used by the fixture loader (no driver available there)."""

from typing import Any, Sequence


def quote(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class InsertBuilder:
    """Accumulates INSERT statements for one table into ``self.sql``."""

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        if not columns:
            raise ValueError("no columns")
        self.table = table
        self.columns = list(columns)
        self.sql = ""
        self.row_count = 0

    def add_rows(self, rows: Sequence[Sequence[Any]]) -> int:
        """Append one multi-row INSERT statement for ``rows``; return how many rows were added."""
        if not rows:
            return 0
        width = len(self.columns)
        self.sql += "INSERT INTO %s (%s) VALUES\n" % (self.table, ", ".join(self.columns))
        last = len(rows) - 1
        for i, row in enumerate(rows):
            if len(row) != width:
                raise ValueError("row %d: expected %d values, got %d" % (i, width, len(row)))
            self.sql += "  (" + ", ".join(quote(v) for v in row) + ")"
            self.sql += ";\n" if i == last else ",\n"
        self.row_count += len(rows)
        return len(rows)
