# ruff: noqa
# WRONG rewrite of src/cachetools/__init__.py::Cache.pop: returns the value but leaves it in the cache (dropped mutation)
def pop(self, key, default=__marker):
    if key in self:
        value = self[key]
    elif default is self.__marker:
        raise KeyError(key)
    else:
        value = default
    return value
