# ruff: noqa
# WRONG rewrite of more_itertools/more.py::always_iterable: None no longer gives an empty iterator (missed None case)
def always_iterable(obj, base_type=(str, bytes)):
    if (base_type is not None) and isinstance(obj, base_type):
        return iter((obj,))

    try:
        return iter(obj)
    except TypeError:
        return iter((obj,))
