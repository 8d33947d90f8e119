import random

from mod import FollowGraph


def build_large():
    rng = random.Random(1234)
    users = [f"@user{n:04d}" for n in range(600)]
    edges = []
    for _ in range(2000):
        a, b = rng.sample(users, 2)
        edges.append((a, b))
        if rng.random() < 0.15:
            edges.append((b, a))
    return (edges[:2200],), ()


def test_large_graph():
    (edges,), _ = build_large()
    g = FollowGraph(edges)
    result = g.mutual_pairs()
    edge_set = {}
    for e in edges:
        edge_set[e] = edge_set.get(e, 0) + 1
    expected = []
    for a, b in edges:
        if a < b:
            expected.extend([(a, b)] * edge_set.get((b, a), 0))
    assert result == expected
    assert len(result) > 50
    assert all(a < b for a, b in result)


def test_small_with_duplicates_and_self_loops():
    g = FollowGraph([("ann", "bob"), ("bob", "ann"), ("cat", "cat"), ("bob", "ann"), ("dan", "eve")])
    g.follow("eve", "dan")
    g.follow("zoë", "ann")
    assert g.mutual_pairs() == [("ann", "bob"), ("ann", "bob"), ("dan", "eve")]


def test_empty_and_int_ids():
    assert FollowGraph().mutual_pairs() == []
    assert FollowGraph([(2, 1), (1, 2), (3, 1)]).mutual_pairs() == [(1, 2)]
