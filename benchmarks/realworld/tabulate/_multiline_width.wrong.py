# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_multiline_width: \r no longer splits lines
def _multiline_width(multiline_s, line_width_fn=len):
    return max(map(line_width_fn, multiline_s.split("\n")))
