import random

import pytest

from mod import error_counts_by_service

LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARNING", "ERROR", "CRITICAL"]


def make_logs(n_services, per_service, seed=1234):
    rng = random.Random(seed)
    logs = {}
    for s in range(n_services):
        lines = []
        for i in range(per_service):
            if rng.random() < 0.03:
                lines.append("# rotated at %d" % i)
                continue
            level = rng.choice(LEVELS)
            msg = rng.choice(["payment accepted", "healthcheck ok", "timeout talking to db",
                              "user login", "cache miss"])
            lines.append("2024-03-%02d %02d:%02d:%02d %s %s id=%d" % (
                rng.randrange(1, 29), rng.randrange(24), rng.randrange(60), rng.randrange(60),
                level, msg, i))
        logs["svc-%02d" % s] = lines
    return logs


def test_large_digest():
    logs = make_logs(20, 1000)
    result = error_counts_by_service(logs)
    assert list(result) == list(logs)
    for service, lines in logs.items():
        expected = sum(
            1 for ln in lines
            if not ln.startswith("#")
            and ln.split(" ")[2] in ("ERROR", "CRITICAL")
            and "healthcheck" not in ln
        )
        assert result[service] == expected
    assert sum(result.values()) > 3000


def test_empty():
    assert error_counts_by_service({}) == {}
    assert error_counts_by_service({"api": []}) == {"api": 0}


def test_edge_lines():
    logs = {
        "api": [
            "2024-01-01 00:00:00 ERROR boom",
            "2024-01-01 00:00:00 ERRORS plural is not a level",
            " 2024-01-01 00:00:00 ERROR leading space",
            "# 2024-01-01 00:00:00 ERROR commented",
            "2024-01-01 00:00:00 CRITICAL healthcheck failed",
            "2024-01-01 0:00:00 ERROR short hour",
            "2024-01-01 00:00:00 CRITICAL disk ünïcode full",
            "",
        ],
        "web": ["2024-01-01 00:00:00 INFO fine"],
    }
    assert error_counts_by_service(logs) == {"api": 2, "web": 0}


def test_non_string_line_raises():
    with pytest.raises(AttributeError):
        error_counts_by_service({"api": [None]})
