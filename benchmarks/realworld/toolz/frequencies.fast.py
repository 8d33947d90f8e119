# ruff: noqa
# FAST rewrite of toolz/itertoolz.py::frequencies: Counter counts in C
def frequencies(seq):
    return dict(collections.Counter(seq))
