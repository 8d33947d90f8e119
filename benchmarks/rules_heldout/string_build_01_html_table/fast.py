"""Render query results as a plain HTML table for the admin e-mail digest."""


def _cell(value):
    if value is None:
        return ""
    text = str(value)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def render_table(headers, rows, caption=None):
    if not headers:
        raise ValueError("at least one column is required")
    parts = ["<table>\n"]
    if caption:
        parts.append("<caption>" + _cell(caption) + "</caption>\n")
    parts.append("<tr>")
    for name in headers:
        parts.append("<th>" + _cell(name) + "</th>")
    parts.append("</tr>\n")
    for number, row in enumerate(rows, 1):
        if len(row) != len(headers):
            raise ValueError("row %d has %d cells, expected %d" % (number, len(row), len(headers)))
        parts.append("<tr><td>" + "</td><td>".join(_cell(v) for v in row) + "</td></tr>\n")
    parts.append("</table>\n")
    return "".join(parts)
