# ruff: noqa
# FAST rewrite of inflection/__init__.py::underscore: patterns compiled once
import re

_UNDERSCORE_1 = re.compile(r"([A-Z]+)([A-Z][a-z])").sub
_UNDERSCORE_2 = re.compile(r"([a-z\d])([A-Z])").sub


def underscore(word: str) -> str:
    word = _UNDERSCORE_1(r"\1_\2", word)
    word = _UNDERSCORE_2(r"\1_\2", word)
    word = word.replace("-", "_")
    return word.lower()
