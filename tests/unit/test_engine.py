"""The engine's own logic, with jobs run in-process: what it keeps, under which key, when
it calls a function slower than before, and that a cancelled job leaves nothing behind."""

from __future__ import annotations

import threading

import pytest

from afterburner.server.config import Settings
from afterburner.server.documents import index
from afterburner.server.engine import Engine
from afterburner.server.jobs import JobError

SLOW = "def f(xs):\n    return sorted(xs)\n"
SLOWER = "def f(xs):\n    return sorted(sorted(xs))\n"


class Jobs:
    """Answers profile jobs with the given medians, in order, and records what was asked."""

    def __init__(self, medians: list[float], cancel_during: bool = False) -> None:
        self.medians, self.cancel_during, self.asked = list(medians), cancel_during, []

    def __call__(self, module, function, kwargs, cancel, progress):
        self.asked.append((function, kwargs))
        if self.cancel_during:
            cancel.set()
        median = self.medians.pop(0)
        return {
            "per_call": {"median_s": median, "p90_s": median * 2, "n": 3},
            "memory": {"peak_bytes": 1024},
            "hot_lines": [],
            "complexity": None,
            "inputs": {"total": 3},
        }


def test_profiles_are_kept_for_the_buffer_and_a_slowdown_is_named(tmp_path):
    jobs = Jobs([0.001, 0.002])
    engine = Engine(tmp_path, Settings(), run=jobs)
    path = tmp_path / "m.py"
    first = index(SLOW).spans[0]
    rec, regression = engine.profile(path, SLOW, first, threading.Event())
    assert regression is None and rec.measurement.median_s == 0.001
    function, kwargs = jobs.asked[0]
    assert function == "profile_job" and kwargs["text"] == SLOW and kwargs["qualname"] == "f"
    second = index(SLOWER).spans[0]
    rec, regression = engine.profile(path, SLOWER, second, threading.Event())
    assert regression is not None and regression.factor == pytest.approx(2.0)
    assert rec.measurement.regression.previous_s == 0.001
    assert engine.record(path, first).measurement.median_s == 0.001
    assert engine.record(path, second).measurement.median_s == 0.002


def test_a_job_cancelled_as_it_finishes_keeps_nothing(tmp_path):
    engine = Engine(tmp_path, Settings(), run=Jobs([0.001], cancel_during=True))
    span = index(SLOW).spans[0]
    with pytest.raises(JobError, match="cancelled"):
        engine.profile(tmp_path / "m.py", SLOW, span, threading.Event())
    assert engine.record(tmp_path / "m.py", span) is None


def test_what_is_kept_survives_a_restart_as_typed_records(tmp_path):
    jobs = Jobs([0.001, 0.002])
    engine = Engine(tmp_path, Settings(), run=jobs)
    path = tmp_path / "m.py"
    engine.profile(path, SLOW, index(SLOW).spans[0], threading.Event())
    span = index(SLOWER).spans[0]
    engine.profile(path, SLOWER, span, threading.Event())
    again = Engine(tmp_path, Settings(), run=jobs).record(path, span)
    assert again.measurement == engine.record(path, span).measurement
    assert again.measurement.regression.factor == pytest.approx(2.0)
    assert again.measurement.n == 3 and again.measurement.peak_bytes == 1024


def test_a_cache_of_the_old_format_is_measured_anew(tmp_path):
    import msgpack

    cache = tmp_path / ".afterburner" / "cache.msgpack"
    cache.parent.mkdir()
    cache.write_bytes(msgpack.packb({"format": 1, "records": [{"file": "m.py"}]}))
    engine = Engine(tmp_path, Settings(), run=Jobs([0.001]))
    assert engine.store.records == {}
