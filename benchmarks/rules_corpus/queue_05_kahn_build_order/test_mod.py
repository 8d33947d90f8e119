import random

import pytest

from mod import build_order


def package_graph(n_layers, width, seed=1234):
    rng = random.Random(seed)
    layers = [[f"pkg-{layer}-{i}" for i in range(width)] for layer in range(n_layers)]
    graph = {}
    for depth, layer in enumerate(layers):
        for name in layer:
            if depth == 0:
                graph[name] = []
            else:
                graph[name] = rng.sample(layers[depth - 1], 2)
    return graph


def test_wide_graph_is_topologically_ordered():
    graph = package_graph(2, 15000)
    order = build_order(graph)
    assert len(order) == len(set(order)) == 30000
    position = {pkg: i for i, pkg in enumerate(order)}
    for pkg, needs in graph.items():
        for need in needs:
            assert position[need] < position[pkg]
    # FIFO tie-breaking: the whole first layer comes out first, in insertion order
    assert order[:15000] == [f"pkg-0-{i}" for i in range(15000)]


def test_fifo_tie_breaking_small():
    graph = {"app": ["lib", "util"], "lib": ["core"], "util": ["core"], "docs": []}
    assert build_order(graph) == ["core", "docs", "lib", "util", "app"]
    graph = {"z": ["y"], "a": []}
    assert build_order(graph) == ["y", "a", "z"]


def test_edge_cases():
    assert build_order({}) == []
    assert build_order({"solo": []}) == ["solo"]
    assert build_order({"ñandú": ["émile"]}) == ["émile", "ñandú"]
    with pytest.raises(ValueError):
        build_order({"a": ["b"], "b": ["c"], "c": ["a"]})
