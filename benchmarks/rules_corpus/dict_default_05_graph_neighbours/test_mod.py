import random

from mod import DependencyGraph


def make_graph(n_edges, seed=1234):
    rng = random.Random(seed)
    packages = ["pkg-%04d" % i for i in range(3000)]
    hubs = ["requests", "numpy", "six", "setuptools", "typing-extensions"]
    graph = DependencyGraph()
    for _ in range(n_edges):
        a = rng.choice(packages)
        b = rng.choice(hubs) if rng.random() < 0.7 else rng.choice(packages)
        graph.add_edge(a, b)
    return graph


def test_large_graph():
    graph = make_graph(12000)
    edges_before = list(graph.edges)
    result = graph.neighbours()
    assert graph.edges == edges_before
    assert type(result) is dict
    assert all(type(v) is set for v in result.values())
    order = list(dict.fromkeys(x for e in graph.edges for x in e))
    assert list(result) == order
    for a, b in graph.edges:
        assert b in result[a] and a in result[b]
    assert sum(len(v) for v in result.values()) == 2 * len({frozenset(e) for e in graph.edges if e[0] != e[1]}) + len({e for e in graph.edges if e[0] == e[1]})
    assert len(result["requests"]) > 1000


def test_empty_graph():
    assert DependencyGraph().neighbours() == {}


def test_small_exact_with_self_loop_and_duplicates():
    g = DependencyGraph([("flask", "werkzeug"), ("flask", "jinja2"), ("jinja2", "markupsafe"),
                         ("flask", "werkzeug"), ("ünï", "ünï")])
    result = g.neighbours()
    assert result == {
        "flask": {"werkzeug", "jinja2"},
        "werkzeug": {"flask"},
        "jinja2": {"flask", "markupsafe"},
        "markupsafe": {"jinja2"},
        "ünï": {"ünï"},
    }
    assert list(result) == ["flask", "werkzeug", "jinja2", "markupsafe", "ünï"]
