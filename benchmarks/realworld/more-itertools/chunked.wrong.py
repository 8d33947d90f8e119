# ruff: noqa
# WRONG rewrite of more_itertools/more.py::chunked: returns a list of chunks instead of a lazy iterator (type change)
def chunked(iterable, n, strict=False):
    iterator = iter(partial(take, n, iter(iterable)), [])
    if strict:
        if n is None:
            raise ValueError("n must not be None when using strict mode.")

        def ret():
            for chunk in iterator:
                if len(chunk) != n:
                    raise ValueError("iterable is not divisible by n.")
                yield chunk

        return iter(ret())
    else:
        return list(iterator)
