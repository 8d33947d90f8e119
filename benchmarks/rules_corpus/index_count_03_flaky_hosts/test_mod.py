import random

from mod import UptimeMonitor


def _fleet():
    rng = random.Random(1234)
    hosts = [f"srv-{rack}-{n:02d}.dc1" for rack in "abcdefgh" for n in range(40)]
    events = []
    for _ in range(15000):
        host = rng.choice(hosts)
        bad = hosts.index(host) % 7 == 0
        status = "down" if rng.random() < (0.3 if bad else 0.01) else rng.choice(["up", "up", "degraded"])
        events.append((host, status))
    return hosts, events


def build_large():
    hosts, events = _fleet()
    return (hosts, events), ()


def test_large_fleet():
    hosts, events = _fleet()
    mon = UptimeMonitor(hosts, events)
    result = mon.flaky_hosts(min_failures=5)
    downs = {}
    for h, s in events:
        if s == "down":
            downs[h] = downs.get(h, 0) + 1
    expected = [(h, downs[h]) for h in hosts if downs.get(h, 0) >= 5]
    assert result == expected
    assert len(result) >= 40
    assert mon.events == events


def test_small_and_record():
    mon = UptimeMonitor(["db", "web", "cache"])
    assert mon.flaky_hosts() == []
    for status in ["down", "up", "down", "down"]:
        mon.record("web", status)
    mon.record("db", "down")
    mon.record("cache", "DOWN")
    assert mon.flaky_hosts() == [("web", 3)]
    assert mon.flaky_hosts(min_failures=1) == [("db", 1), ("web", 3)]
    assert mon.flaky_hosts(min_failures=0) == [("db", 1), ("web", 3), ("cache", 0)]


def test_duplicate_hosts_listed_twice():
    mon = UptimeMonitor(["ü-1", "ü-1"], [("ü-1", "down")] * 3)
    assert mon.flaky_hosts() == [("ü-1", 3), ("ü-1", 3)]
