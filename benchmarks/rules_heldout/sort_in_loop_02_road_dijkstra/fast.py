"""Travel-time estimates between junctions of a road network."""

import heapq


class RoadNetwork:
    def __init__(self, junctions):
        self.size = junctions
        self.roads = [[] for _ in range(junctions)]

    def add_road(self, a, b, minutes):
        if minutes < 0:
            raise ValueError("travel time cannot be negative")
        self.roads[a].append((b, minutes))
        self.roads[b].append((a, minutes))

    def travel_times(self, source):
        """Shortest travel time from ``source`` to every junction (None if unreachable)."""
        if not 0 <= source < self.size:
            raise IndexError("unknown junction %r" % (source,))
        best = [None] * self.size
        frontier = [(0, source)]
        heappop, heappush = heapq.heappop, heapq.heappush
        roads = self.roads
        while frontier:
            elapsed, here = heappop(frontier)
            if best[here] is not None:
                continue
            best[here] = elapsed
            for there, minutes in roads[here]:
                if best[there] is None:
                    heappush(frontier, (elapsed + minutes, there))
        return best
