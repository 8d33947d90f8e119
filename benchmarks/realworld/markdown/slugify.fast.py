# ruff: noqa
# FAST rewrite of markdown/extensions/toc.py::slugify: first pattern compiled once
import re

_SLUG_DROP = re.compile(r"[^\w\s-]").sub


def slugify(value: str, separator: str, unicode: bool = False) -> str:
    if not unicode:
        # Replace Extended Latin characters with ASCII, i.e. `žlutý` => `zluty`
        value = unicodedata.normalize("NFKD", value)
        value = value.encode("ascii", "ignore").decode("ascii")
    value = _SLUG_DROP("", value).strip().lower()
    return re.sub(r"[{}\s]+".format(separator), separator, value)
