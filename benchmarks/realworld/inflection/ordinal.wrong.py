# ruff: noqa
# WRONG rewrite of inflection/__init__.py::ordinal: negative numbers get the wrong suffix (no abs)
def ordinal(number: int) -> str:
    number = int(number)
    if number % 100 in (11, 12, 13):
        return "th"
    else:
        return {
            1: "st",
            2: "nd",
            3: "rd",
        }.get(number % 10, "th")
