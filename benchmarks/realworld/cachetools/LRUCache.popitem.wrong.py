# ruff: noqa
# WRONG rewrite of src/cachetools/__init__.py::LRUCache.popitem: evicts the most recently used item
class LRUCache:
    def popitem(self):
        try:
            key = next(reversed(self.__order))
        except StopIteration:
            raise KeyError("%s is empty" % type(self).__name__) from None
        else:
            return (key, self.pop(key))
