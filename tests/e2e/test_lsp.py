"""The real server over stdio, driven by pytest-lsp as an editor would."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import verify
from afterburner.sandbox.worker import Sandbox
from tests.conftest import make_workspace
from tests.e2e.lsp import (
    CASE,
    CASES,
    actions,
    apply_edit,
    change_doc,
    eventually,
    hover,
    open_doc,
    workers,
)

pytestmark = [pytest.mark.skipif(not CASES, reason="tests/fixtures/cases is not present")]


async def test_hover_profile_optimize_and_apply(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    before = await hover(client, uri, 1)
    assert "Not measured yet" in before.contents.value
    titles = [a.title for a in await actions(client, uri, 5)]
    assert titles == ["Profile round_robin", "Optimize round_robin with Afterburner"]

    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.profile", arguments=[uri, "round_robin"])
    )
    after = (await hover(client, uri, 1)).contents.value
    assert "median" in after and "inputs" in after

    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.optimize", arguments=[uri, "round_robin"])
    )
    lo, hi = result["ci95"]
    assert 1 < lo <= result["speedup"] <= hi, result
    listed = await actions(client, uri, 5)
    apply = listed[0]
    # The title carries the measured figures themselves.
    expected = f"Apply {result['speedup']:.1f}x faster round_robin (95% CI {lo:.1f}–{hi:.1f}x"
    assert apply.title.startswith(expected), apply.title
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
        lambda: any("of round_robin's time" in d.message for d in client.diagnostics.get(uri, [])),
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


@pytest.mark.parametrize("client", [{"backend": "rules", "rounds": 3, "k": 4}], indirect=True)
async def test_cancel_kills_theworkers(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    task = asyncio.ensure_future(
        client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="afterburner.optimize", arguments=[uri, "round_robin"]
            )
        )
    )
    server_pid = client._server.pid
    started = await eventually(lambda: workers(server_pid) and client.progress_reports, 60)
    assert started, "no worker"
    token = next(iter(client.progress_reports))
    client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    await asyncio.wait_for(task, 30)
    gone = await eventually(lambda: not workers(server_pid), 10)
    assert gone, "workers outlived the cancellation"
    ends = [v for v in client.progress_reports[token] if isinstance(v, types.WorkDoneProgressEnd)]
    assert ends and ends[-1].message == "cancelled"


@pytest.mark.parametrize("client", [{"backend": "nope", "rounds": "many"}], indirect=True)
async def test_bad_settings_are_reported_and_the_server_keeps_serving(client, workspace: Path):
    uri = open_doc(client, workspace / "mod.py")
    first = await hover(client, uri, 1)
    assert "Not measured yet" in first.contents.value  # served with the defaults

    def texts() -> str:
        return " ".join(m.message for m in client.messages)

    assert await eventually(lambda: "unknown backend 'nope'" in texts() and "rounds" in texts(), 20)
    assert (await hover(client, uri, 1)).contents.value == first.contents.value


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


async def test_scan_ranks_the_workspace_and_puts_a_lens_on_the_hottest(
    client: LanguageClient, workspace: Path
):
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="afterburner.scan", arguments=[])
    )
    assert result["tests"]["passed"] > 0 and result["tests"]["failed"] == 0
    top = result["functions"][0]
    assert top["qualname"] == "round_robin" and top["uri"] == (workspace / "mod.py").as_uri()
    text = (workspace / "mod.py").read_text()
    assert text.splitlines()[top["line"]].lstrip().startswith("def round_robin")
    uri = open_doc(client, workspace / "mod.py")
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    hot = [lens for lens in lenses if "of test time" in lens.command.title]
    assert len(hot) == 1 and hot[0].command.command == "afterburner.optimize"
    assert hot[0].range.start.line == top["line"]
    # an edit of the function: its share was measured on other code, so the lens goes
    change_doc(client, uri, 2, text.replace("def round_robin(", "def round_robin(  ", 1))
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert not [lens for lens in lenses or [] if "of test time" in lens.command.title]
