# ruff: noqa
# WRONG rewrite of src/cachetools/__init__.py::TTLCache.expire: items expiring exactly now are kept (off-by-one at the boundary)
class TTLCache:
    def expire(self, time=None):
        if time is None:
            time = self.timer()
        root = self.__root
        curr = root.next
        links = self.__links
        expired = []
        cache_delitem = Cache.__delitem__
        cache_getitem = Cache.__getitem__
        while curr is not root and time > curr.expires:
            expired.append((curr.key, cache_getitem(self, curr.key)))
            cache_delitem(self, curr.key)
            del links[curr.key]
            next = curr.next
            curr.unlink()
            curr = next
        return expired
