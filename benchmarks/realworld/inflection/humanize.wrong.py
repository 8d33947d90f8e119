# ruff: noqa
# WRONG rewrite of inflection/__init__.py::humanize: strips '_id' anywhere, not only at the end
def humanize(word: str) -> str:
    word = re.sub(r"_id", "", word)
    word = word.replace("_", " ")
    word = re.sub(r"(?i)([a-z\d]*)", lambda m: m.group(1).lower(), word)
    word = re.sub(r"^\w", lambda m: m.group(0).upper(), word)
    return word
