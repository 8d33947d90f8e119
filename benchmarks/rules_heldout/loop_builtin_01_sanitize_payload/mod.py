"""Sanitising request payloads before they are written to the audit log."""


def sanitize_payload(payload, max_chars=None):
    """Make a payload safe for a one-line log record.

    Carriage returns and NUL bytes are removed, newlines become the two
    characters ``\\n``, tabs become a single space and ESC becomes ``?``.  If
    ``max_chars`` is given and the result is longer, it is cut and ``...`` is
    appended.
    """
    if not isinstance(payload, str):
        raise TypeError("payload must be str, not %s" % type(payload).__name__)
    if max_chars is not None and max_chars < 0:
        raise ValueError("max_chars must be >= 0")
    out = []
    for ch in payload:
        if ch == "\r" or ch == "\x00":
            continue
        if ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(" ")
        elif ch == "\x1b":
            out.append("?")
        else:
            out.append(ch)
    text = "".join(out)
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars] + "..."
    return text
