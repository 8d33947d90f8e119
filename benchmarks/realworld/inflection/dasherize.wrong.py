# ruff: noqa
# WRONG rewrite of inflection/__init__.py::dasherize: only the first underscore replaced
def dasherize(word: str) -> str:
    return word.replace("_", "-", 1)
