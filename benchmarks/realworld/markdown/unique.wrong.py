# ruff: noqa
# WRONG rewrite of markdown/extensions/toc.py::unique: the new id is not added to ids (dropped mutation)
def unique(id: str, ids: MutableSet[str]) -> str:
    while id in ids or not id:
        m = IDCOUNT_RE.match(id)
        if m:
            id = "%s_%d" % (m.group(1), int(m.group(2)) + 1)
        else:
            id = "%s_%d" % (id, 1)
    return id
