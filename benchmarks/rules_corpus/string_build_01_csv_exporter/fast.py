"""Minimal CSV export for the orders admin page."""


class CsvExporter:
    def __init__(self, columns, delimiter=","):
        self.columns = list(columns)
        self.delimiter = delimiter
        self.text = ""

    def _quote(self, value):
        cell = "" if value is None else str(value)
        if self.delimiter in cell or '"' in cell or "\n" in cell:
            return '"' + cell.replace('"', '""') + '"'
        return cell

    def export(self, rows):
        """Render the header and `rows` (sequences of cell values) as CSV text.

        The rendered document is kept in ``self.text`` and also returned.
        """
        delimiter = self.delimiter
        quote = self._quote
        parts = [delimiter.join(self.columns), "\n"]
        for row in rows:
            parts.append(delimiter.join([quote(value) for value in row]))
            parts.append("\n")
        self.text = "".join(parts)
        return self.text
