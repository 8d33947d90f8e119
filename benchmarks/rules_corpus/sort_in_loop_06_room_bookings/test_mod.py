import random

from mod import accept_bookings


def occupancy_reference(requests, horizon):
    taken = bytearray(horizon)
    out = []
    for start, end in requests:
        if any(taken[start:end]):
            out.append(False)
        else:
            taken[start:end] = b"\x01" * (end - start)
            out.append(True)
    return out


def test_empty():
    assert accept_bookings([]) == []


def test_small_sequence():
    requests = [(9, 10), (10, 12), (9, 11), (8, 9), (11, 13), (12, 13), (7, 14)]
    assert accept_bookings(requests) == [True, True, False, True, False, True, False]


def test_identical_requests():
    assert accept_bookings([(5, 6)] * 4) == [True, False, False, False]


def test_input_not_modified():
    requests = [(30, 40), (10, 20), (15, 35)]
    copy = list(requests)
    assert accept_bookings(requests) == [True, True, False]
    assert requests == copy


def test_busy_calendar():
    rng = random.Random(1234)
    horizon = 60000
    requests = []
    for _ in range(9000):
        start = rng.randrange(0, horizon - 30)
        requests.append((start, start + rng.randint(1, 12)))
    decisions = accept_bookings(requests)
    assert decisions == occupancy_reference(requests, horizon)
    assert sum(decisions) > 3000
