# ruff: noqa
# WRONG rewrite of toolz/itertoolz.py::unique: records the item instead of its key
def unique(seq, key=None):
    seen = set()
    seen_add = seen.add
    if key is None:
        for item in seq:
            if item not in seen:
                seen_add(item)
                yield item
    else:  # calculate key
        for item in seq:
            val = key(item)
            if val not in seen:
                seen_add(item)
                yield item
