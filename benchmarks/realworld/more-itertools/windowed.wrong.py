# ruff: noqa
# WRONG rewrite of more_itertools/more.py::windowed: n == 0 yields nothing instead of one empty tuple (zero edge case)
def windowed(seq, n, fillvalue=None, step=1):
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return
    if step < 1:
        raise ValueError("step must be >= 1")

    iterable = iter(seq)

    # Generate first window
    window = deque(islice(iterable, n), maxlen=n)

    # Deal with the first window not being full
    if not window:
        return
    if len(window) < n:
        yield tuple(window) + ((fillvalue,) * (n - len(window)))
        return
    yield tuple(window)

    # Create the filler for the next windows. The padding ensures
    # we have just enough elements to fill the last window.
    padding = (fillvalue,) * (n - 1 if step >= n else step - 1)
    filler = map(window.append, chain(iterable, padding))

    # Generate the rest of the windows
    for _ in islice(filler, step - 1, None, step):
        yield tuple(window)
