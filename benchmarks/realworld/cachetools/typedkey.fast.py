# ruff: noqa
# FAST rewrite of src/cachetools/keys.py::typedkey: map(type) and no empty kwargs pass
def typedkey(*args, **kwargs):

    key = hashkey(*args, **kwargs)
    key += tuple(map(type, args))
    if kwargs:
        key += tuple(type(v) for _, v in sorted(kwargs.items()))
    return key
