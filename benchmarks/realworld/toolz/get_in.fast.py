# ruff: noqa
# FAST rewrite of toolz/dicttoolz.py::get_in: plain loop instead of reduce(operator.getitem)
def get_in(keys, coll, default=None, no_default=False):
    try:
        for k in keys:
            coll = coll[k]
        return coll
    except (KeyError, IndexError, TypeError):
        if no_default:
            raise
        return default
