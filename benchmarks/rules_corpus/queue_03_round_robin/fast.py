"""A toy round-robin CPU scheduler used to explain time slicing."""
from collections import deque


def round_robin_finish_order(jobs, quantum):
    """Simulate round-robin scheduling.

    jobs: sequence of (name, burst_ms) in arrival order (all arrive at t=0).
    Each turn a job runs for at most `quantum` ms and, if unfinished, goes to
    the back of the queue.  Returns [(name, finish_time_ms), ...] in the order
    the jobs complete.  Jobs with a burst of zero or less finish immediately
    when their turn comes.
    """
    if quantum <= 0:
        raise ValueError("quantum must be positive")
    queue = deque(jobs)
    popleft = queue.popleft
    push = queue.append
    clock = 0
    finished = []
    while queue:
        name, remaining = popleft()
        if remaining <= 0:
            finished.append((name, clock))
            continue
        slice_ms = quantum if remaining > quantum else remaining
        clock += slice_ms
        remaining -= slice_ms
        if remaining:
            push((name, remaining))
        else:
            finished.append((name, clock))
    return finished
