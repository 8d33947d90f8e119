# ruff: noqa
# WRONG rewrite of toolz/itertoolz.py::interpose: forgets to drop the leading separator
def interpose(el, seq):
    inposed = concat(zip(itertools.repeat(el), seq))
    return inposed
