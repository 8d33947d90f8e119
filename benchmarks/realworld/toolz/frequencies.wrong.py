# ruff: noqa
# WRONG rewrite of toolz/itertoolz.py::frequencies: returns a Counter, not a dict (type change; equal under ==)
def frequencies(seq):
    return collections.Counter(seq)
