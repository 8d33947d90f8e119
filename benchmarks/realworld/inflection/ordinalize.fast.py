# ruff: noqa
# FAST rewrite of inflection/__init__.py::ordinalize: f-string instead of str.format
def ordinalize(number: int) -> str:
    return f"{number}{ordinal(number)}"
