"""Package dependency graph for the build tool's resolver."""


class PackageGraph:
    def __init__(self):
        self.requires = {}

    def add_package(self, name, deps=()):
        self.requires.setdefault(name, [])
        for dep in deps:
            if dep == name:
                raise ValueError("%s cannot depend on itself" % name)
            self.requires[name].append(dep)

    def fetch_order(self, root, max_depth=None):
        """Packages reachable from ``root`` in breadth-first order (root first).

        The pending queue keeps the next package at the END of the list; newly
        discovered packages are inserted at the front.  Optionally stop expanding
        below ``max_depth`` levels.
        """
        if root not in self.requires:
            raise KeyError(root)
        order = [root]
        depth = {root: 0}
        pending = [root]
        while pending:
            pkg = pending.pop()
            level = depth[pkg]
            if max_depth is not None and level >= max_depth:
                continue
            for dep in self.requires.get(pkg, ()):
                if dep in depth:
                    continue
                depth[dep] = level + 1
                order.append(dep)
                pending.insert(0, dep)
        return order
