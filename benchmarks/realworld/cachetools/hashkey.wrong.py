# ruff: noqa
# WRONG rewrite of src/cachetools/keys.py::hashkey: keyword order now matters (missing sort)
def hashkey(*args, **kwargs):

    if kwargs:
        return _HashedTuple(args + sum(kwargs.items(), _kwmark))
    else:
        return _HashedTuple(args)
