import random

from mod import merge_timelines


def audit_trail(n, source, seed):
    rng = random.Random(seed)
    t = 1_700_000_000
    trail = []
    for i in range(n):
        t += rng.randint(0, 3)
        trail.append((t, f"{source}:{rng.choice(['login', 'logout', 'update', 'delete'])}:{i}"))
    return trail


def test_large_trails_merge_like_a_stable_sort():
    a = audit_trail(15000, "primary", 1234)
    b = audit_trail(15000, "replica", 4321)
    a_copy, b_copy = list(a), list(b)
    merged = merge_timelines(a, b)
    assert merged == sorted(a + b, key=lambda ev: ev[0])
    assert a == a_copy and b == b_copy


def test_ties_prefer_primary():
    a = [(1, "p1"), (2, "p2"), (2, "p3")]
    b = [(0, "r0"), (2, "r2"), (5, "r5")]
    assert merge_timelines(a, b) == [(0, "r0"), (1, "p1"), (2, "p2"), (2, "p3"), (2, "r2"), (5, "r5")]


def test_edge_cases():
    assert merge_timelines([], []) == []
    assert merge_timelines([(3, "x")], []) == [(3, "x")]
    assert merge_timelines([], ((1, "é"), (1, "ü"))) == [(1, "é"), (1, "ü")]
    assert isinstance(merge_timelines((), ()), list)
