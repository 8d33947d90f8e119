# ruff: noqa
# WRONG rewrite of src/cachetools/__init__.py::Cache.setdefault: returns the default without storing it (dropped mutation)
class Cache:
    def setdefault(self, key, default=None):
        if key in self:
            value = self[key]
        else:
            value = default
        return value
