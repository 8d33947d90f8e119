# ruff: noqa
# FAST rewrite of inflection/__init__.py::ordinal: suffix table built once
_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    number = abs(int(number))
    if 11 <= number % 100 <= 13:
        return "th"
    return _ORDINAL_SUFFIX.get(number % 10, "th")
