import random

from mod import nearest_stations


def test_no_stations():
    assert nearest_stations([], (0, 0)) == []


def test_ties_by_name():
    stations = [("delta", 1, 0), ("alpha", 0, 1), ("charlie", -1, 0), ("bravo", 5, 5), ("echo", 0, 0)]
    assert nearest_stations(stations, (0, 0), 4) == ["echo", "alpha", "charlie", "delta"]
    assert nearest_stations(stations, (5, 5), 1) == ["bravo"]


def test_k_larger_than_list_and_unicode():
    stations = [("Gare du Nord", 3, 4), ("Malmö C", 0, 2)]
    assert nearest_stations(stations, (0, 0), 10) == ["Malmö C", "Gare du Nord"]


def test_large_network():
    rng = random.Random(1234)
    stations = [(f"st-{i:05d}", rng.randint(-5000, 5000), rng.randint(-5000, 5000)) for i in range(25000)]
    origin = (120, -340)
    result = nearest_stations(stations, origin, k=8)
    assert len(result) == 8
    dist = {name: (x - origin[0]) ** 2 + (y - origin[1]) ** 2 for name, x, y in stations}
    assert [dist[n] for n in result] == sorted(dist[n] for n in result)
    cutoff = dist[result[-1]]
    assert sum(1 for d in dist.values() if d < cutoff) <= 7
    inner = [n for n, d in dist.items() if d < cutoff]
    assert set(inner) <= set(result)


def test_grid_with_many_ties():
    stations = [(f"g{x}_{y}", x, y) for x in range(-40, 41) for y in range(-40, 41)]
    result = nearest_stations(stations, (0, 0), 5)
    assert result == ["g0_0", "g-1_0", "g0_-1", "g0_1", "g1_0"]
