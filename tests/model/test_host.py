"""A loaded model outlives jobs: the second Optimize of a `transformers` setting asks the
model the first one loaded, a dead model process is started again, and a changed setting
gets a model of its own."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from afterburner.model.backends import BackendConfig, BackendError, GenerationSettings, Prompt
from afterburner.model.host import BackendHost, RemoteBackend
from afterburner.server.config import Settings
from afterburner.server.documents import index
from afterburner.server.engine import Engine
from tests.conftest import write_workspace

MODULE = (
    "def total(xs: list[int]) -> int:\n    t = 0\n    for x in xs:\n        t += x\n    return t\n"
)
TESTS = "from mod import total\n\ndef test_total():\n    assert total([1, 2, 3]) == 6\n"
PROMPT = Prompt(messages=[{"role": "user", "content": "hi"}], code=MODULE, function_name="total")
SHORT = GenerationSettings(k=1, max_tokens=4, temperature=0.0)


def test_two_optimizations_share_one_loaded_model(tiny_checkpoint, tmp_path):
    ws = write_workspace(tmp_path, {"mod.py": MODULE, "test_mod.py": TESTS})
    settings = Settings(
        backend="transformers", model=tiny_checkpoint, device="cpu", rounds=1, k=1, max_tokens=16
    )
    engine = Engine(ws, settings)
    span = index(MODULE).spans[0]
    try:
        for _ in range(2):
            engine.optimize(ws / "mod.py", MODULE, span, threading.Event())
        (host,) = engine.hosts.values()
        stats = RemoteBackend(host.connection_info()).stats()
        assert stats["pid"] == host.proc.pid  # one model process, loaded once
        assert stats["generate"] == 2  # and each job asked it
    finally:
        engine.close()
    assert not engine.hosts and host.proc is None


def test_a_dead_model_is_started_again_and_a_new_setting_gets_its_own(tiny_checkpoint, tmp_path):
    host = BackendHost(BackendConfig("transformers", model=tiny_checkpoint, device="cpu"))
    try:
        first = host.connection_info()
        pid = host.proc.pid
        assert RemoteBackend(first).generate([PROMPT], SHORT)[0]
        os.kill(pid, signal.SIGKILL)
        host.proc.join(10)
        with pytest.raises(BackendError, match="died|cannot be reached"):
            RemoteBackend(first).generate([PROMPT], SHORT)
        again = host.connection_info()
        assert host.proc.pid != pid and again["address"] != first["address"]
        assert RemoteBackend(again).generate([PROMPT], SHORT)[0]
    finally:
        host.close()

    engine = Engine(tmp_path, Settings(backend="transformers", model=tiny_checkpoint))
    try:
        engine._model_host()
        old = next(iter(engine.hosts.values()))
        engine.configure(Settings(backend="transformers", model=tiny_checkpoint, device="cpu"))
        engine._model_host()
        assert len(engine.hosts) == 1 and old.proc is None  # the old setting's model is gone
    finally:
        engine.close()


def test_a_checkpoint_that_does_not_load_is_one_clear_error(tmp_path):
    host = BackendHost(BackendConfig("transformers", model=str(tmp_path / "nothing")))
    with pytest.raises(BackendError) as caught:
        host.connection_info()
    assert "nothing" in str(caught.value) and host.proc is None


def test_the_model_goes_when_the_server_goes(tiny_checkpoint):
    host = BackendHost(BackendConfig("transformers", model=tiny_checkpoint, device="cpu"))
    try:
        host.connection_info()
        proc = host.proc
        host._pipe.close()  # what the server's death does to the host's end of the pipe
        proc.join(30)
        assert not proc.is_alive()
    finally:
        host.close()
