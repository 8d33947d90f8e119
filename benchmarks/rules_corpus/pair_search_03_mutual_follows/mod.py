class FollowGraph:
    """Directed "follows" relation of a social network."""

    def __init__(self, edges=()):
        self.edges = list(edges)  # (follower, followee)

    def follow(self, follower, followee):
        self.edges.append((follower, followee))

    def mutual_pairs(self):
        """(a, b) with a < b for every a->b edge that has a b->a counterpart, in edge order."""
        pairs = []
        for follower, followee in self.edges:
            for other_follower, other_followee in self.edges:
                if other_follower == followee and other_followee == follower and follower < followee:
                    pairs.append((follower, followee))
        return pairs
