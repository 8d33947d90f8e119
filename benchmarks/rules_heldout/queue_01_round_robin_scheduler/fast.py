"""A toy CPU scheduler used in the operating-systems course exercises."""

from collections import deque


def round_robin(jobs: list[tuple[str, int]], quantum: int) -> list[tuple[str, int]]:
    """Simulate round-robin scheduling.

    ``jobs`` holds (name, burst time) pairs, all arriving at t=0 in list order.
    Each turn a job runs for at most ``quantum`` ticks and goes to the back of
    the ready queue if it still needs time.  Returns (name, completion time) in
    completion order.  ``jobs`` is not modified.
    """
    if quantum <= 0:
        raise ValueError("quantum must be positive")
    ready = deque(jobs)
    clock = 0
    finished: list[tuple[str, int]] = []
    while ready:
        name, remaining = ready.popleft()
        if remaining < 0:
            raise ValueError("job %r has a negative burst time" % (name,))
        ran = min(quantum, remaining)
        clock += ran
        remaining -= ran
        if remaining:
            ready.append((name, remaining))
        else:
            finished.append((name, clock))
    return finished
