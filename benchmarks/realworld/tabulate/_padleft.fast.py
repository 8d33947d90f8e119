# ruff: noqa
# FAST rewrite of tabulate/__init__.py::_padleft: format() without parsing a template
def _padleft(width, s):
    return format(s, ">%ds" % width)
