# ruff: noqa
# WRONG rewrite of more_itertools/more.py::interleave_longest: uses None as the filler, so real None items are dropped
def interleave_longest(*iterables):
    i = chain.from_iterable(zip_longest(*iterables))
    return (x for x in i if x is not None)
