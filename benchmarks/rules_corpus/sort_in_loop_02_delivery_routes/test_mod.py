import random

from mod import shortest_delivery_times


def build_network(n_towns, n_roads, seed=1234):
    rng = random.Random(seed)
    names = [f"town-{i:04d}" for i in range(n_towns)]
    roads = {}
    # a ring guarantees everything is reachable
    for i, name in enumerate(names):
        roads.setdefault(name, []).append((names[(i + 1) % n_towns], rng.randint(5, 60)))
    for _ in range(n_roads):
        a, b = rng.choice(names), rng.choice(names)
        roads.setdefault(a, []).append((b, rng.randint(1, 40)))
    return names, roads


def bellman_ford(names, roads, source):
    dist = {name: None for name in names}
    dist[source] = 0
    changed = True
    while changed:
        changed = False
        for town, edges in roads.items():
            if dist[town] is None:
                continue
            for nb, cost in edges:
                cand = dist[town] + cost
                if dist[nb] is None or cand < dist[nb]:
                    dist[nb] = cand
                    changed = True
    return {k: v for k, v in dist.items() if v is not None}


def test_isolated_depot():
    assert shortest_delivery_times({}, "depot") == {"depot": 0}


def test_small_with_ties_and_unreachable():
    roads = {
        "A": [("C", 2), ("B", 2), ("D", 5)],
        "B": [("D", 1)],
        "C": [("D", 1), ("A", 1)],
        "X": [("A", 1)],
    }
    result = shortest_delivery_times(roads, "A")
    assert result == {"A": 0, "B": 2, "C": 2, "D": 3}
    assert list(result) == ["A", "B", "C", "D"]


def test_unicode_towns():
    roads = {"Zürich": [("Genève", 3), ("Bâle", 1)], "Bâle": [("Genève", 1)]}
    assert list(shortest_delivery_times(roads, "Zürich").items()) == [
        ("Zürich", 0), ("Bâle", 1), ("Genève", 2)]


def test_large_network():
    names, roads = build_network(1000, 5000)
    result = shortest_delivery_times(roads, names[0])
    assert result == bellman_ford(names, roads, names[0])
    order = list(result)
    assert order == sorted(result, key=lambda t: (result[t], t))
