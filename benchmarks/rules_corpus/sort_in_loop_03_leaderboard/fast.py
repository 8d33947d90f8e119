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
        entries = self.entries
        first = True
        for player, score in results:
            if first:
                # the list may have been filled from outside: sort it once
                entries.append((player, score))
                entries.sort(key=lambda entry: entry[1], reverse=True)
                first = False
            else:
                # insert after every entry whose score is not below ``score``
                lo, hi = 0, len(entries)
                while lo < hi:
                    mid = (lo + hi) // 2
                    if entries[mid][1] < score:
                        hi = mid
                    else:
                        lo = mid + 1
                entries.insert(lo, (player, score))
            leaders.append(entries[0][0])
        return leaders

    def top(self, n=3):
        return [player for player, _ in self.entries[:n]]
