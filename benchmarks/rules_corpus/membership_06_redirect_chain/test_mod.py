from mod import follow_redirects


def _url(n):
    return f"https://shop.example.com/catalog/item-{n * 7919 % 100003}"


def build_large():
    n = 5000
    redirects = {_url(i): _url(i + 1) for i in range(n)}
    return _url(0), redirects


def test_long_chain_ends_cleanly():
    start, redirects = build_large()
    chain, looped = follow_redirects(start, redirects)
    assert looped is False
    assert chain == [_url(i) for i in range(5001)]


def test_long_chain_with_loop():
    start, redirects = build_large()
    redirects = dict(redirects)
    redirects[_url(5000)] = _url(1234)
    chain, looped = follow_redirects(start, redirects)
    assert looped is True
    assert len(chain) == 5001
    assert chain[-1] == _url(5000)


def test_max_hops():
    start, redirects = build_large()
    chain, looped = follow_redirects(start, redirects, max_hops=10)
    assert chain == [_url(i) for i in range(11)]
    assert looped is False


def test_small_cases():
    assert follow_redirects("/a", {}) == (["/a"], False)
    assert follow_redirects("/a", {"/a": "/a"}) == (["/a"], True)
    assert follow_redirects("/ä", {"/ä": "/b", "/b": "/ä"}) == (["/ä", "/b"], True)
    assert follow_redirects("/a", {"/a": "/b", "/b": "/c"}, max_hops=0) == (["/a", "/b"], False)
