import random

from mod import EndpointStats


def test_no_endpoints():
    assert EndpointStats("empty", {}).fastest() == []


def test_ties_keep_insertion_order():
    stats = EndpointStats("shop", {"/cart": 12.0, "/health": 1.5, "/login": 12.0, "/ping": 1.5, "/search": 40.0})
    assert stats.fastest(3) == [("/health", 1.5), ("/ping", 1.5), ("/cart", 12.0)]
    assert stats.fastest(0) == []
    assert stats.fastest(-1) == [("/health", 1.5), ("/ping", 1.5), ("/cart", 12.0), ("/login", 12.0)]


def test_unicode_paths_and_int_latencies():
    stats = EndpointStats("i18n", {"/über": 3, "/café": 2, "/naïve": 3})
    assert stats.fastest(2) == [("/café", 2), ("/über", 3)]


def test_large_gateway():
    rng = random.Random(1234)
    latency = {f"/api/v1/resource{i}/items": round(rng.uniform(0.5, 900.0), 1) for i in range(20000)}
    stats = EndpointStats("gateway", latency)
    result = stats.fastest(15)
    assert len(result) == 15
    order = {path: i for i, path in enumerate(latency)}
    expected = sorted(latency.items(), key=lambda kv: (kv[1], order[kv[0]]))[:15]
    assert result == expected
    assert all(isinstance(pair, tuple) for pair in result)
    assert len(stats.latency_ms) == 20000
