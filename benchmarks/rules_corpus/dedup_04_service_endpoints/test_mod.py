import random

from mod import Endpoint, first_endpoint_per_address


def build_large():
    rng = random.Random(1234)
    eps = []
    for i in range(6000):
        host = f"node{rng.randrange(700)}.cluster.local"
        if rng.random() < 0.3:
            host = host.upper()
        eps.append(Endpoint(host, rng.choice([80, 443, 8080, 9090, 5432]), rng.choice([0, 1, 1, 2, 5])))
    return (eps,)


def _expected(eps, healthy_only):
    seen = set()
    out = []
    for ep in eps:
        if healthy_only and ep.weight <= 0:
            continue
        k = (ep.host.lower(), ep.port)
        if k not in seen:
            seen.add(k)
            out.append(ep)
    return out


def test_large_registry_healthy():
    (eps,) = build_large()
    result = first_endpoint_per_address(eps)
    expected = _expected(eps, True)
    assert len(result) == len(expected) > 1000
    assert all(a is b for a, b in zip(result, expected))


def test_large_registry_all():
    (eps,) = build_large()
    result = first_endpoint_per_address(eps, healthy_only=False)
    expected = _expected(eps, False)
    assert len(result) == len(expected)
    assert all(a is b for a, b in zip(result, expected))


def test_small():
    a = Endpoint("API.local", 443, 0)
    b = Endpoint("api.local", 443, 3)
    c = Endpoint("api.LOCAL", 443, 1)
    d = Endpoint("api.local", 80)
    e = Endpoint("bücher.de", 80)
    assert first_endpoint_per_address([a, b, c, d, e]) == [b, d, e]
    assert first_endpoint_per_address([a, b, c, d, e], False)[0] is a
    assert first_endpoint_per_address([]) == []
