import random

from mod import hop_distances


def make_overlay(n_peers, links_per_peer, seed=1234):
    rng = random.Random(seed)
    graph = {p: [] for p in range(n_peers)}
    for p in range(n_peers):
        for _ in range(links_per_peer):
            q = rng.randrange(n_peers)
            if q != p:
                graph[p].append(q)
                graph[q].append(p)
    return graph


def reference_levels(graph, start):
    # level-by-level expansion, no queue at all
    seen = {start: 0}
    order = [start]
    level = [start]
    depth = 0
    while level:
        depth += 1
        nxt = []
        for p in level:
            for q in graph.get(p, ()):
                if q not in seen:
                    seen[q] = depth
                    order.append(q)
                    nxt.append(q)
        level = nxt
    return seen, order


def test_large_overlay_matches_level_expansion():
    graph = make_overlay(30000, 2)
    result = hop_distances(graph, 0)
    expected, order = reference_levels(graph, 0)
    assert result == expected
    assert list(result) == order
    assert result[0] == 0
    assert max(result.values()) >= 5


def test_every_reachable_peer_has_a_parent_one_hop_closer():
    graph = make_overlay(5000, 1, seed=99)
    dist = hop_distances(graph, 17)
    for peer, d in dist.items():
        if peer == 17:
            continue
        assert any(dist.get(q) == d - 1 for q in graph[peer])
        for q in graph[peer]:
            assert q in dist and abs(dist[q] - d) <= 1


def test_small_cases():
    graph = {"a": ["b", "c"], "b": ["a", "d"], "c": ["a", "d"], "d": ["b", "c", "e"], "e": ["d"], "x": ["y"]}
    assert hop_distances(graph, "a") == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 3}
    assert list(hop_distances(graph, "a")) == ["a", "b", "c", "d", "e"]
    assert hop_distances(graph, "x") == {"x": 0, "y": 1}
    assert hop_distances({}, "lonely") == {"lonely": 0}
    assert hop_distances({"ü": ["ö", "ö"], "ö": ["ü"]}, "ü") == {"ü": 0, "ö": 1}
