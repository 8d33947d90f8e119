# ruff: noqa
# WRONG rewrite of markdown/util.py::code_escape: escapes & after <, double-escaping &lt;
def code_escape(text: str) -> str:
    if "<" in text:
        text = text.replace("<", "&lt;")
    if "&" in text:
        text = text.replace("&", "&amp;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text
