# ruff: noqa
# WRONG rewrite of markdown/extensions/toc.py::slugify: no strip: leading/trailing blanks become separators
def slugify(value: str, separator: str, unicode: bool = False) -> str:
    if not unicode:
        # Replace Extended Latin characters with ASCII, i.e. `žlutý` => `zluty`
        value = unicodedata.normalize("NFKD", value)
        value = value.encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).lower()
    return re.sub(r"[{}\s]+".format(separator), separator, value)
