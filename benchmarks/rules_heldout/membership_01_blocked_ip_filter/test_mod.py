import random

import pytest

from mod import filter_blocked_requests


def _ip(rng):
    return "10.%d.%d.%d" % (rng.randrange(4), rng.randrange(256), rng.randrange(1, 255))


def _build(n_lines, n_blocked, seed=1234):
    rng = random.Random(seed)
    blocked = []
    while len(blocked) < n_blocked:
        ip = _ip(rng)
        if ip not in blocked:
            blocked.append(ip)
    lines = []
    for i in range(n_lines):
        ip = blocked[rng.randrange(n_blocked)] if i % 5 == 0 else _ip(rng)
        method = rng.choice(["get", "POST", "Put", "delete"])
        lines.append("%s %s /api/v1/items/%d 200 %d" % (ip, method, i, rng.randrange(9000)))
        if i % 97 == 0:
            lines.append("   ")
        if i % 131 == 0:
            lines.append("# rotated")
    return lines, blocked


def test_large_log():
    lines, blocked = _build(12000, 600)
    blocked_set = set(blocked)
    result = filter_blocked_requests(lines, blocked)
    expected = []
    for line in lines:
        parts = line.split()
        if not parts or parts[0] == "#" or parts[0] in blocked_set:
            continue
        expected.append((parts[0], parts[1].upper(), parts[2]))
    assert result == expected
    assert len(result) < 12000 * 0.85
    assert all(ip not in blocked_set for ip, _, _ in result)


def test_small_and_edges():
    lines = [
        "1.2.3.4 get /a",
        "",
        "# comment",
        "5.6.7.8 post /b extra",
        "  1.2.3.4   DELETE  /c  ",
        "9.9.9.9 head /ü",
    ]
    assert filter_blocked_requests(lines, ["5.6.7.8"]) == [
        ("1.2.3.4", "GET", "/a"),
        ("1.2.3.4", "DELETE", "/c"),
        ("9.9.9.9", "HEAD", "/ü"),
    ]
    assert filter_blocked_requests(lines, ["1.2.3.4", "9.9.9.9", "5.6.7.8"]) == []
    assert filter_blocked_requests([], ["1.1.1.1"]) == []
    assert filter_blocked_requests(["1.1.1.1 get /"], []) == [("1.1.1.1", "GET", "/")]


def test_malformed_line():
    with pytest.raises(ValueError, match="line 2"):
        filter_blocked_requests(["1.1.1.1 get /", "2.2.2.2 get"], [])
