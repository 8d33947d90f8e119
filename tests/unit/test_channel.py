"""The channel reads an answer that a side wrote just before it exited."""

from __future__ import annotations

import os
import select

from afterburner.sandbox import channel, protocol


def test_an_answer_written_just_before_exit_is_read(monkeypatch):
    # The interleaving CI hit: `select` finds nothing ready, the side then writes its answer
    # and exits, and /proc says it is gone. The answer is in the pipe and must be read.
    read_end, write_end = os.pipe()
    real_select = select.select
    calls = {"n": 0}

    def select_once_empty(r, w, x, timeout=None):
        calls["n"] += 1
        if calls["n"] == 1:
            protocol.write_frame(write_end, {"ok": True, "result": 42})
            return [], [], []
        return real_select(r, w, x, timeout)

    monkeypatch.setattr(channel.select, "select", select_once_empty)
    monkeypatch.setattr(channel, "_alive", lambda pid: False)
    ch = channel.Channel(
        write_end, read_end, pid=1, cancel=None, death=lambda: "exited before reporting"
    )
    try:
        assert ch.answer(5.0) == 42
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_side_that_died_without_answering_is_called_dead(monkeypatch):
    read_end, write_end = os.pipe()
    monkeypatch.setattr(channel, "_alive", lambda pid: False)
    ch = channel.Channel(
        write_end, read_end, pid=1, cancel=None, death=lambda: "exited before reporting"
    )
    try:
        ch.answer(5.0)
        raise AssertionError("no answer was written, yet one was read")
    except channel.WorkerFailed as exc:
        assert str(exc) == "exited before reporting"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_an_early_exit_says_what_the_worker_last_wrote():
    from afterburner.sandbox.launch import exit_failure

    stderr = "Traceback (most recent call last):\n  ...\nModuleNotFoundError: No module named 'x'\n"
    assert exit_failure(1, stderr) == (
        "exited with status 1 before reporting: ModuleNotFoundError: No module named 'x'"
    )
    assert exit_failure(0, "") == "exited with status 0 before reporting"
    assert exit_failure(-9, "") == "crashed: SIGKILL"
