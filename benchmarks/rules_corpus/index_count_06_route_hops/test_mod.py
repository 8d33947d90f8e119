import random

from mod import leg_hops


def build_large():
    rng = random.Random(1234)
    route = [f"Stop {n:04d}" for n in range(3000)]
    off_route = [f"Depot {n}" for n in range(50)]
    legs = []
    for _ in range(2500):
        a = rng.choice(route) if rng.random() < 0.95 else rng.choice(off_route)
        b = rng.choice(route) if rng.random() < 0.95 else rng.choice(off_route)
        legs.append((a, b))
    return route, legs


def test_large_timetable():
    route, legs = build_large()
    result = leg_hops(route, legs)
    expected = []
    for a, b in legs:
        if a.startswith("Stop") and b.startswith("Stop"):
            expected.append(abs(int(a[5:]) - int(b[5:])))
        else:
            expected.append(-1)
    assert result == expected
    assert result.count(-1) > 50


def test_repeated_stops_use_first():
    route = ["Hbf", "Mitte", "Zoo", "Mitte", "Hbf", "Südkreuz"]
    legs = [("Hbf", "Südkreuz"), ("Zoo", "Mitte"), ("Mitte", "Mitte"), ("Zoo", "Nowhere"), ("Südkreuz", "Zoo")]
    assert leg_hops(route, legs) == [5, 1, 0, -1, 3]


def test_empty():
    assert leg_hops([], []) == []
    assert leg_hops([], [("a", "b")]) == [-1]
    assert leg_hops(["a"], []) == []
