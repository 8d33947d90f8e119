import random

import pytest

from mod import round_robin_finish_order


def make_jobs(n, seed=1234):
    rng = random.Random(seed)
    return [(f"job-{i:05d}", rng.randint(1, 60)) for i in range(n)]


def test_many_jobs_finish_by_rounds_then_arrival():
    jobs = make_jobs(8000)
    quantum = 8
    result = round_robin_finish_order(jobs, quantum)
    # a job needing r turns finishes during round r; inside a round, arrival order holds
    rounds = {name: -(-burst // quantum) for name, burst in jobs}
    position = {name: i for i, (name, _) in enumerate(jobs)}
    expected_order = sorted(rounds, key=lambda n: (rounds[n], position[n]))
    assert [name for name, _ in result] == expected_order
    times = [t for _, t in result]
    assert times == sorted(times)
    assert times[-1] == sum(b for _, b in jobs)
    # the first job to finish ran only in round one
    first_name, first_time = result[0]
    assert rounds[first_name] == 1


def test_hand_worked_example():
    jobs = [("editor", 5), ("compiler", 12), ("shell", 3), ("idle", 0)]
    # t=0..4 editor(1 left) 4..8 compiler(8) 8..11 shell done, idle done@11,
    # 11..12 editor done, 12..16 compiler(4), 16..20 compiler done
    assert round_robin_finish_order(jobs, 4) == [
        ("shell", 11), ("idle", 11), ("editor", 12), ("compiler", 20)
    ]


def test_edge_cases():
    assert round_robin_finish_order([], 5) == []
    assert round_robin_finish_order([("ünïcode", 7)], 100) == [("ünïcode", 7)]
    assert round_robin_finish_order([("a", 2), ("a", 2)], 1) == [("a", 3), ("a", 4)]
    with pytest.raises(ValueError):
        round_robin_finish_order([("a", 1)], 0)
