# ruff: noqa
# WRONG rewrite of toolz/dicttoolz.py::assoc: modifies the input dict instead of copying (added mutation, factory ignored)
def assoc(d, key, value, factory=dict):
    d[key] = value
    return d
