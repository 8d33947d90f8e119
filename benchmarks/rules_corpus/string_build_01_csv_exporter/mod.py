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
        self.text = self.delimiter.join(self.columns) + "\n"
        for row in rows:
            for position, value in enumerate(row):
                if position:
                    self.text += self.delimiter
                self.text += self._quote(value)
            self.text += "\n"
        return self.text
