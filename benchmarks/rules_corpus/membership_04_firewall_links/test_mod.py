import random

from mod import allowed_links

ROLES = ["web", "db", "cache", "queue", "auth", "search"]


def _host(n):
    return f"{ROLES[n % len(ROLES)]}-{n:03d}"


def build_large():
    rng = random.Random(1234)
    rules = []
    for _ in range(1600):
        a, b = rng.randrange(300), rng.randrange(300)
        action = "allow" if rng.random() < 0.7 else "deny"
        rules.append({"src": _host(a), "dst": _host(b), "action": action})
    rules.append({"src": _host(1), "dst": _host(2)})  # no action: ignored
    links = [(_host(rng.randrange(300)), _host(rng.randrange(300))) for _ in range(3000)]
    return links, rules


def test_large_policy():
    links, rules = build_large()
    allow = {(r["src"], r["dst"]) for r in rules if r.get("action") == "allow"}
    expected = [l for l in links if l in allow or (l[1], l[0]) in allow]
    result = allowed_links(links, rules)
    assert result == expected
    assert 0 < len(result) < len(links)


def test_direction_and_duplicates():
    rules = [
        {"src": "web-1", "dst": "db-1", "action": "allow"},
        {"src": "web-2", "dst": "db-1", "action": "deny"},
        {"src": "cache-ü", "dst": "web-1"},
    ]
    links = [("db-1", "web-1"), ("web-2", "db-1"), ("web-1", "db-1"), ("web-1", "cache-ü"), ("db-1", "web-1")]
    assert allowed_links(links, rules) == [("db-1", "web-1"), ("web-1", "db-1"), ("db-1", "web-1")]


def test_empty():
    assert allowed_links([], [{"src": "a", "dst": "b", "action": "allow"}]) == []
    assert allowed_links([("a", "b")], []) == []


def test_missing_key_raises():
    import pytest

    with pytest.raises(KeyError):
        allowed_links([("a", "b")], [{"src": "a", "action": "allow"}])
