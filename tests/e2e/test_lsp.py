"""The real server over stdio, driven by pytest-lsp as an editor would."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import psutil
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import verify
from afterburner.sandbox.worker import Sandbox
from tests.conftest import case_dirs, make_workspace

CASES = case_dirs()
pytestmark = [pytest.mark.skipif(not CASES, reason="tests/fixtures/cases is not present")]
CASE = next((c for c in CASES if c.name.startswith("p03")), None)
SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "afterburner.server.cli", "serve", "--verbose"]
)


@pytest.fixture
def workspace(tmp_path) -> Path:
    return make_workspace(CASE, tmp_path / "ws")


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path, request):
    settings = getattr(request, "param", {"backend": "rules", "rounds": 1, "k": 2})

    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def lens_refresh(params: None) -> None:
        return None

    lsp_client.set_configuration(settings, section="afterburner")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, path: Path, language: str = "python") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=path.read_text()
            )
        )
    )
    return uri


async def hover(client, uri, line):
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, 4)
        )
    )


async def actions(client, uri, line):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(types.Position(line, 0), types.Position(line, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    lines = text.splitlines(keepends=True)
    for change in edit.document_changes:
        for e in sorted(
            change.edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            start = sum(len(x) for x in lines[: e.range.start.line]) + e.range.start.character
            end = sum(len(x) for x in lines[: e.range.end.line]) + e.range.end.character
            joined = "".join(lines)
            lines = (joined[:start] + e.new_text + joined[end:]).splitlines(keepends=True)
    return "".join(lines)


async def test_hover_profile_optimize_and_apply(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    before = await hover(client, uri, 1)
    assert "Not measured yet" in before.contents.value
    titles = [a.title for a in await actions(client, uri, 5)]
    assert titles == ["Profile `round_robin`", "Optimize `round_robin` with Afterburner"]

    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.profile", arguments=[uri, "round_robin"])
    )
    after = (await hover(client, uri, 1)).contents.value
    assert "median" in after and "inputs" in after

    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.optimize", arguments=[uri, "round_robin"])
    )
    assert result["speedup"] > 1
    listed = await actions(client, uri, 5)
    apply = listed[0]
    assert (
        apply.title.startswith("Apply ")
        and "faster `round_robin`" in apply.title
        and "95% CI" in apply.title
    )
    assert any(r for r in client.progress_reports.values())

    original = (workspace / "mod.py").read_text()
    edited = apply_edit(original, apply.edit)
    assert edited != original
    (workspace / "mod.py").write_text(edited)
    run = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        cwd=workspace,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await run.communicate()
    assert run.returncode == 0, out.decode()[-1500:]
    # the verifier, independently, calls the applied function faster than the original
    ref = make_workspace(CASE, workspace.parent / "ref")
    new_source = (workspace / "mod.py").read_text()
    r = await asyncio.to_thread(
        verify, Sandbox(), parse_target("mod.py::round_robin", ref), new_source
    )
    assert r.equivalent and r.verdict == "faster", r.reason


async def test_stale_rewrite_disappears_after_an_edit(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.optimize", arguments=[uri, "round_robin"])
    )
    assert (await actions(client, uri, 5))[0].title.startswith("Apply ")
    text = (
        (workspace / "mod.py")
        .read_text()
        .replace("queue = list(jobs)", "queue = list(jobs)  # edited")
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    titles = [a.title for a in await actions(client, uri, 5)]
    assert not any(t.startswith("Apply") for t in titles)


async def test_on_save_publishes_hints_and_regressions(client: LanguageClient, workspace: Path):
    path = workspace / "mod.py"
    uri = open_doc(client, path)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.profile", arguments=[uri, "round_robin"])
    )
    assert await eventually(
        lambda: any(
            "of `round_robin`'s time" in d.message for d in client.diagnostics.get(uri, [])
        ),
        30,
    )
    slower = path.read_text().replace(
        "        name, remaining = queue.pop(0)\n",
        "        name, remaining = queue.pop(0)\n        sum(range(300))\n",
    )
    path.write_text(slower)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=slower)],
        )
    )
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri), text=slower
        )
    )
    found = await eventually(
        lambda: any(
            "slower since the last measurement" in d.message for d in client.diagnostics[uri]
        ),
        240,
    )
    assert found, (
        [d.message for d in client.diagnostics[uri]],
        [m.message for m in client.messages],
    )
    assert all(
        d.severity in (types.DiagnosticSeverity.Hint, types.DiagnosticSeverity.Information)
        for d in client.diagnostics[uri]
    )


async def eventually(check, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.2)
    return check()


def _workers(server_pid: int) -> list[psutil.Process]:
    """Sandbox workers under this server (not those of other processes on the machine)."""
    try:
        children = psutil.Process(server_pid).children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for p in children:
        try:
            if any("afterburner" in part for part in p.cmdline()) and "-I" in p.cmdline():
                out.append(p)
        except psutil.Error:
            continue
    return out


@pytest.mark.parametrize("client", [{"backend": "rules", "rounds": 3, "k": 4}], indirect=True)
async def test_cancel_kills_the_workers(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    task = asyncio.ensure_future(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="afterburner.optimize", arguments=[uri, "round_robin"]
            )
        )
    )
    server_pid = client._server.pid
    started = await eventually(lambda: _workers(server_pid) and client.progress_reports, 60)
    assert started, "no worker"
    token = next(iter(client.progress_reports))
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    await asyncio.wait_for(task, 30)
    gone = await eventually(lambda: not _workers(server_pid), 10)
    assert gone, "workers outlived the cancellation"
    ends = [v for v in client.progress_reports[token] if isinstance(v, types.WorkDoneProgressEnd)]
    assert ends and ends[-1].message == "cancelled"


@pytest.mark.parametrize("client", [{"backend": "nope", "rounds": "many"}], indirect=True)
async def test_bad_settings_are_reported_and_the_server_keeps_serving(client, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    assert (await hover(client, uri, 1)) is not None

    def texts() -> str:
        return " ".join(m.message for m in client.messages)

    assert await eventually(lambda: "unknown backend 'nope'" in texts() and "rounds" in texts(), 20)
    assert (await hover(client, uri, 1)) is not None


async def test_unparseable_and_non_python_documents_get_empty_results(client, workspace: Path):
    bad = workspace / "broken.py"
    bad.write_text("def f(:\n    pass\n")
    uri = open_doc(client, bad)
    assert await hover(client, uri, 0) is None
    assert await actions(client, uri, 0) is None
    notes = workspace / "notes.txt"
    notes.write_text("def f(): pass\n")
    uri = open_doc(client, notes, language="plaintext")
    assert await hover(client, uri, 0) is None
    assert await actions(client, uri, 0) is None
