import random

from mod import merge_server_logs


def make_streams(n_servers, per_server, seed=1234):
    rng = random.Random(seed)
    streams = []
    for s in range(n_servers):
        t = rng.randint(0, 50)
        records = []
        for _ in range(rng.randint(per_server // 2, per_server)):
            t += rng.randint(1, 9)
            records.append((t, f"web{s:02d}", rng.choice(["GET /", "POST /api", "GET /health"])))
        streams.append(records)
    return streams


def test_no_streams():
    assert merge_server_logs([]) == []
    assert merge_server_logs([[], []]) == []


def test_small_merge_with_ties():
    a = [(1, "a", "x"), (4, "a", "y")]
    b = [(1, "a", "x"), (2, "b", "z")]
    c = []
    assert merge_server_logs([a, b, c]) == [
        (1, "a", "x"), (1, "a", "x"), (2, "b", "z"), (4, "a", "y")]
    assert merge_server_logs([a, b], limit=2) == [(1, "a", "x"), (1, "a", "x")]


def test_does_not_mutate_streams():
    streams = [[(3, "n1", "é")], [(2, "n2", "ü"), (5, "n2", "ß")]]
    snapshot = [list(s) for s in streams]
    assert merge_server_logs(streams, limit=10) == [(2, "n2", "ü"), (3, "n1", "é"), (5, "n2", "ß")]
    assert streams == snapshot


def test_large_merge():
    streams = make_streams(40, 500)
    total = sum(len(s) for s in streams)
    timeline = merge_server_logs(streams)
    assert len(timeline) == total
    assert timeline == sorted(r for s in streams for r in s)


def test_large_merge_with_limit():
    streams = make_streams(40, 500, seed=99)
    timeline = merge_server_logs(streams, limit=5000)
    assert timeline == sorted(r for s in streams for r in s)[:5000]
