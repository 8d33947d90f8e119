import random

import pytest

from mod import RoadNetwork


def _network(n, extra, seed=1234):
    rng = random.Random(seed)
    net = RoadNetwork(n)
    edges = []
    for v in range(1, n):  # a random spanning tree keeps most junctions connected
        if v % 200 == 0:
            continue  # ... except a few isolated ones
        u = rng.randrange(v)
        while u % 200 == 0 and u:
            u = rng.randrange(v)
        edges.append((u, v, rng.randrange(1, 30)))
    for _ in range(extra):
        a, b = rng.randrange(n), rng.randrange(n)
        if a % 200 and b % 200:
            edges.append((a, b, rng.randrange(1, 30)))
    for a, b, w in edges:
        net.add_road(a, b, w)
    return net, edges


def _bellman_ford(n, edges, source):
    inf = float("inf")
    dist = [inf] * n
    dist[source] = 0
    changed = True
    while changed:
        changed = False
        for a, b, w in edges:
            if dist[a] + w < dist[b]:
                dist[b] = dist[a] + w
                changed = True
            if dist[b] + w < dist[a]:
                dist[a] = dist[b] + w
                changed = True
    return [None if d == inf else d for d in dist]


def test_large_network():
    net, edges = _network(900, 1800)
    times = net.travel_times(1)
    assert times == _bellman_ford(900, edges, 1)
    assert times[1] == 0
    assert times[200] is None and times[400] is None
    assert sum(t is None for t in times) == 4


def test_small_cases():
    net = RoadNetwork(5)
    net.add_road(0, 1, 4)
    net.add_road(0, 2, 1)
    net.add_road(2, 1, 2)
    net.add_road(1, 3, 0)
    assert net.travel_times(0) == [0, 3, 1, 3, None]
    assert net.travel_times(4) == [None, None, None, None, 0]
    assert RoadNetwork(1).travel_times(0) == [0]
    with pytest.raises(IndexError):
        net.travel_times(5)
    with pytest.raises(ValueError):
        net.add_road(0, 4, -1)
