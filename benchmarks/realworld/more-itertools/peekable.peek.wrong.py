# ruff: noqa
# WRONG rewrite of more_itertools/more.py::peekable.peek: peeked item is not cached, so next() skips it (dropped mutation of self)
def peek(self, default=_marker):
    if not self._cache:
        try:
            return next(self._it)
        except StopIteration:
            if default is _marker:
                raise
            return default
    return self._cache[0]
