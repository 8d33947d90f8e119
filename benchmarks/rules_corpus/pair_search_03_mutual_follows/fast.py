from collections import Counter


class FollowGraph:
    """Directed "follows" relation of a social network."""

    def __init__(self, edges=()):
        self.edges = list(edges)  # (follower, followee)

    def follow(self, follower, followee):
        self.edges.append((follower, followee))

    def mutual_pairs(self):
        """(a, b) with a < b for every a->b edge that has a b->a counterpart, in edge order."""
        edge_count = Counter(self.edges)
        pairs = []
        for follower, followee in self.edges:
            if follower < followee:
                back = edge_count.get((followee, follower), 0)
                if back:
                    pairs.extend([(follower, followee)] * back)
        return pairs
