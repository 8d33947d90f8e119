import random

from mod import EdgeList


def _links(n, n_nodes, seed=1234):
    rng = random.Random(seed)
    names = ["sw-%03d" % i for i in range(n_nodes)]
    return [(rng.choice(names), rng.choice(names)) for _ in range(n)]


def test_large_topology():
    links = _links(4000, 100)
    graph = EdgeList(links)
    result = graph.undirected()
    expected, seen = [], set()
    for a, b in links:
        if a != b:
            key = (min(a, b), max(a, b))
            if key not in seen:
                seen.add(key)
                expected.append(key)
    assert result == expected
    assert len(result) > 2000
    assert all(a < b for a, b in result)
    assert graph.links == links


def test_integer_nodes():
    links = [(i % 97, (i * 7) % 89) for i in range(2000)]
    result = EdgeList(links).undirected()
    assert len(result) == len(set(result))
    assert set(result) == {(min(a, b), max(a, b)) for a, b in links if a != b}


def test_small_cases():
    assert EdgeList([]).undirected() == []
    assert EdgeList([("a", "a")]).undirected() == []
    links = [("b", "a"), ("a", "b"), ("c", "ä"), ("ä", "c"), ("a", "c"), ("b", "a")]
    assert EdgeList(links).undirected() == [("a", "b"), ("c", "ä"), ("a", "c")]
