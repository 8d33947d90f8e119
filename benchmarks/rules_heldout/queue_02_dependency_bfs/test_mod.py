import random

import pytest

from mod import PackageGraph


def _graph(n_packages, seed=1234):
    rng = random.Random(seed)
    g = PackageGraph()
    names = ["pkg%05d" % i for i in range(n_packages)]
    # a wide "meta" package pulls in most packages directly
    g.add_package("meta", names[: n_packages * 3 // 4])
    for i, name in enumerate(names):
        deps = {names[rng.randrange(n_packages)] for _ in range(rng.randrange(0, 4))}
        deps.discard(name)
        g.add_package(name, sorted(deps))
    return g


def _levels(g, root, max_depth=None):
    # reference BFS, level by level
    seen = {root}
    frontier = [root]
    out = [root]
    depth = 0
    while frontier and (max_depth is None or depth < max_depth):
        nxt = []
        for pkg in frontier:
            for dep in g.requires.get(pkg, ()):
                if dep not in seen:
                    seen.add(dep)
                    nxt.append(dep)
        out.extend(nxt)
        frontier = nxt
        depth += 1
    return out


@pytest.fixture(scope="module")
def big_graph():
    return _graph(24000)


def test_large_graph(big_graph):
    g = big_graph
    order = g.fetch_order("meta")
    assert order == _levels(g, "meta")
    assert len(order) == len(set(order)) > 17000


def test_large_graph_depth_limit(big_graph):
    g = big_graph
    assert g.fetch_order("meta", max_depth=1) == ["meta"] + g.requires["meta"]
    assert g.fetch_order("meta", max_depth=2) == _levels(g, "meta", 2)
    assert g.fetch_order("meta", max_depth=0) == ["meta"]


def test_small_cases():
    g = PackageGraph()
    g.add_package("app", ["web", "db"])
    g.add_package("web", ["http", "tmpl"])
    g.add_package("db", ["http", "drivér"])
    g.add_package("http")
    assert g.fetch_order("app") == ["app", "web", "db", "http", "tmpl", "drivér"]
    assert g.fetch_order("http") == ["http"]
    assert g.fetch_order("web") == ["web", "http", "tmpl"]
    with pytest.raises(KeyError):
        g.fetch_order("tmpl")
    with pytest.raises(ValueError):
        g.add_package("x", ["x"])
