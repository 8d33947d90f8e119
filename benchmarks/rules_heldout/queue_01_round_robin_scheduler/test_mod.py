import random

import pytest

from mod import round_robin


def _jobs(n, seed=1234):
    rng = random.Random(seed)
    return [("job-%d" % i, rng.randrange(1, 60)) for i in range(n)]


def _reference(jobs, quantum):
    # closed form: a job with burst b needs ceil(b/q) turns; simulate by rounds
    remaining = {name: burst for name, burst in jobs}
    active = [name for name, _ in jobs]
    clock, out = 0, []
    while active:
        nxt = []
        for name in active:
            ran = min(quantum, remaining[name])
            clock += ran
            remaining[name] -= ran
            if remaining[name]:
                nxt.append(name)
            else:
                out.append((name, clock))
        active = nxt
    return out


def test_large_workload():
    jobs = _jobs(12000)
    before = list(jobs)
    result = round_robin(jobs, 10)
    assert jobs == before
    assert len(result) == 12000
    assert result[-1][1] == sum(b for _, b in jobs)
    assert result == _reference(jobs, 10)


def test_small_cases():
    assert round_robin([], 3) == []
    assert round_robin([("a", 5), ("b", 2), ("c", 0), ("d", 3)], 2) == [
        ("b", 4), ("c", 4), ("d", 9), ("a", 10)
    ]
    assert round_robin([("ä", 4), ("ä", 1)], 100) == [("ä", 4), ("ä", 5)]
    with pytest.raises(ValueError):
        round_robin([("a", 1)], 0)
    with pytest.raises(ValueError, match="negative"):
        round_robin([("a", 1), ("b", -1)], 1)
