"""Small graph utilities used by the network-topology importer."""


class EdgeList:
    """A raw list of (source, target) links as exported by the switch inventory."""

    def __init__(self, links):
        self.links = list(links)

    def __len__(self):
        return len(self.links)

    def undirected(self):
        """Each undirected edge once, as (low, high), in first-seen order; self-loops dropped."""
        edges = []
        seen = set()
        for a, b in self.links:
            if a == b:
                continue
            edge = (a, b) if a < b else (b, a)
            if edge in seen:
                continue
            seen.add(edge)
            edges.append(edge)
        return edges
