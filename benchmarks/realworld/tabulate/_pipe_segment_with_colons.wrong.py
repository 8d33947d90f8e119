# ruff: noqa
# WRONG rewrite of tabulate/__init__.py::_pipe_segment_with_colons: centre segment one character too wide (off-by-one)
def _pipe_segment_with_colons(align, colwidth):
    w = colwidth
    if align in ["right", "decimal"]:
        return ("-" * (w - 1)) + ":"
    elif align == "center":
        return ":" + ("-" * (w - 1)) + ":"
    elif align == "left":
        return ":" + ("-" * (w - 1))
    else:
        return "-" * w
