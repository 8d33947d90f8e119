"""LSP conformance where clients and users go wrong: every request gets an answer with the
specification's error code, nothing malformed becomes a pop-up, cancel and shutdown stop
the work they interrupt, and the exit status says whether shutdown came first."""

from __future__ import annotations

import time

import pytest

from tests.conftest import make_workspace
from tests.e2e.lsp import CASE, workers
from tests.e2e.rpc import RawClient

pytestmark = [pytest.mark.skipif(CASE is None, reason="tests/fixtures/cases is not present")]


@pytest.fixture
def raw(tmp_path):
    ws = make_workspace(CASE, tmp_path / "ws")
    client = RawClient(ws)
    client.root = ws
    yield client
    client.close()


def hover_params(uri: str, line: int = 0) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": 0}}


def open_mod(raw: RawClient) -> str:
    uri = (raw.root / "mod.py").as_uri()
    text = (raw.root / "mod.py").read_text()
    raw.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    return uri


def code(answer: dict | None) -> int | None:
    assert answer is not None, "no answer"
    return answer.get("error", {}).get("code")


def test_before_initialize_and_after_shutdown(raw):
    uri = (raw.root / "mod.py").as_uri()
    raw.notify("textDocument/didOpen", {"textDocument": {"uri": uri}})  # dropped, not a crash
    raw.ask(2, "textDocument/hover", hover_params(uri))
    assert code(raw.answer(2)) == -32002
    raw.initialize(raw.root)
    raw.ask(3, "shutdown")
    assert raw.answer(3) == {"jsonrpc": "2.0", "id": 3, "result": None}
    raw.ask(4, "textDocument/hover", hover_params(uri))
    assert code(raw.answer(4)) == -32600
    raw.notify("exit")
    assert raw.exit_status() == 0
    assert raw.shown() == []


def test_exit_without_shutdown_is_status_1(raw):
    raw.initialize(raw.root)
    raw.notify("exit")
    assert raw.exit_status() == 1


def test_malformed_params_get_32602_and_no_pop_up(raw):
    raw.initialize(raw.root)
    uri = open_mod(raw)
    raw.ask(10, "textDocument/hover", {"position": {"line": 0, "character": 0}})
    raw.ask(11, "textDocument/hover", hover_params(uri, line=-1))
    raw.ask(12, "textDocument/codeAction", {"textDocument": {"uri": uri}})
    raw.ask(13, "workspace/executeCommand", {"command": "afterburner.profile", "arguments": []})
    raw.ask(
        14, "workspace/executeCommand", {"command": "afterburner.profile", "arguments": [1, {}]}
    )
    for id_ in (10, 11, 12, 13, 14):
        assert code(raw.answer(id_)) == -32602, id_
    assert "text_document" in raw.answer(10)["error"]["message"]
    closed = (raw.root / "closed.py").as_uri()
    raw.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": closed, "version": 2}, "contentChanges": [{"text": "x = 1"}]},
    )
    raw.ask(15, "textDocument/hover", hover_params(uri, line=1))
    assert "Afterburner" in raw.answer(15)["result"]["contents"]["value"]
    assert raw.shown() == []


def _start_optimize(raw: RawClient, id_: int) -> int:
    raw.initialize(raw.root)
    uri = open_mod(raw)
    raw.ask(
        id_,
        "workspace/executeCommand",
        {"command": "afterburner.optimize", "arguments": [uri, "round_robin"]},
    )
    deadline = time.monotonic() + 60
    while not workers(raw.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers(raw.proc.pid), "the job never started a worker"
    return raw.proc.pid


def _gone(pid: int, timeout_s: float = 15) -> bool:
    deadline = time.monotonic() + timeout_s
    while workers(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not workers(pid)


def test_cancel_request_stops_the_job_and_keeps_nothing(raw):
    pid = _start_optimize(raw, 20)
    raw.notify("$/cancelRequest", {"id": 20})
    assert code(raw.answer(20)) == -32800
    assert _gone(pid), "workers outlived $/cancelRequest"
    time.sleep(1)
    raw.ask(21, "textDocument/hover", hover_params((raw.root / "mod.py").as_uri(), line=1))
    assert "Not measured yet" in raw.answer(21)["result"]["contents"]["value"]
    assert not [m for m in raw.shown() if "failed" in m]


def test_shutdown_while_a_command_runs(raw):
    pid = _start_optimize(raw, 30)
    raw.ask(31, "shutdown")
    assert raw.answer(31, timeout_s=15) == {"jsonrpc": "2.0", "id": 31, "result": None}
    assert _gone(pid), "workers outlived shutdown"
    raw.notify("exit")
    assert raw.exit_status() == 0
