import random

import pytest

from mod import ActivityReport, WEEKDAYS


def make_events(n, seed=1234):
    rng = random.Random(seed)
    users = ["user_%03d" % i for i in range(60)]
    return [(rng.choice(users), rng.randrange(7), rng.choice((9, 10, 11, 14, 15, 16, 20, 23)))
            for _ in range(n)]


def test_large_event_log():
    events = make_events(40000)
    report = ActivityReport(events)
    result = report.heatmap()
    assert report.events is events
    assert type(result) is dict
    total = sum(c for days in result.values() for hours in days.values() for c in hours.values())
    assert total == 40000
    assert list(result) == list(dict.fromkeys(e[0] for e in events))
    flat = {}
    for user, wd, hour in events:
        k = (user, WEEKDAYS[wd], hour)
        flat[k] = flat.get(k, 0) + 1
    for (user, day, hour), count in flat.items():
        assert result[user][day][hour] == count
    u0 = events[0][0]
    assert list(result[u0]) == list(dict.fromkeys(WEEKDAYS[wd] for u, wd, _ in events if u == u0))


def test_empty():
    assert ActivityReport([]).heatmap() == {}


def test_small_exact():
    events = [("zoë", 0, 9), ("zoë", 0, 9), ("al", 6, 23), ("zoë", 1, 9), ("zoë", 0, 10), ("al", -1, 23)]
    result = ActivityReport(events).heatmap()
    assert result == {
        "zoë": {"mon": {9: 2, 10: 1}, "tue": {9: 1}},
        "al": {"sun": {23: 2}},
    }
    assert list(result["zoë"]) == ["mon", "tue"]
    assert list(result["zoë"]["mon"]) == [9, 10]


def test_bad_weekday_raises():
    with pytest.raises(IndexError):
        ActivityReport([("a", 7, 1)]).heatmap()
