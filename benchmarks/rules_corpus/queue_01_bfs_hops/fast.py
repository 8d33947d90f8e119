"""Hop counts in an undirected peer-to-peer overlay network."""
from collections import deque


def hop_distances(graph, start):
    """Return {peer: number of hops from start} for every peer reachable from start.

    `graph` maps a peer id to the peers it is directly connected to.  The
    result is ordered by discovery (breadth-first).
    """
    distances = {start: 0}
    frontier = deque([start])
    popleft = frontier.popleft
    append = frontier.append
    while frontier:
        peer = popleft()
        next_hop = distances[peer] + 1
        for neighbour in graph.get(peer, ()):
            if neighbour not in distances:
                distances[neighbour] = next_hop
                append(neighbour)
    return distances
