# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_padleft: str.rjust: other exceptions for non-str, no error for negative width
def _padleft(width, s):
    return s.rjust(width)
