"""A tiny in-memory game leaderboard."""


class Leaderboard:
    """Keeps every (player, score) result ordered best score first.

    Results with equal scores keep their arrival order.
    """

    def __init__(self, title="season"):
        self.title = title
        self.entries = []

    def record_all(self, results):
        """Add each (player, score) result and return the leader after each one."""
        leaders = []
        for player, score in results:
            self.entries.append((player, score))
            self.entries.sort(key=lambda entry: entry[1], reverse=True)
            leaders.append(self.entries[0][0])
        return leaders

    def top(self, n=3):
        return [player for player, _ in self.entries[:n]]
