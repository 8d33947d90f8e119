"""A tiny undirected graph used by the dependency-audit tool."""


class DependencyGraph:
    """Undirected graph over package names, stored as an edge list."""

    def __init__(self, edges=None):
        self.edges = list(edges or [])

    def add_edge(self, a, b):
        self.edges.append((a, b))

    def neighbours(self):
        """Return ``{package: set of directly connected packages}``.

        Packages appear in the order they are first mentioned by an edge.
        """
        adjacency = {}
        for a, b in self.edges:
            adjacency.setdefault(a, set()).add(b)
            adjacency.setdefault(b, set()).add(a)
        return adjacency
