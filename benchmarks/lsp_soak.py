"""Language-server latency from the store, and a soak run.

Builds a workspace of 60 slow functions with tests, measures every one for real
(`afterburner profile`, the same sandbox the editor uses), then drives `afterburner serve`
over stdio: p50/p95 of 300 hovers and 300 code-action requests, then a soak of 1000 mixed
requests with edits and cancelled optimizations, reporting the server's RSS before and after.

    .venv/bin/python benchmarks/lsp_soak.py [--functions 60] [--out benchmarks/results/lsp.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import function_info, parse_target
from afterburner.sandbox.worker import Sandbox
from afterburner.server.records import Measurement
from afterburner.server.store import Store

TEMPLATE = '''
def f{i}(xs: list[int]) -> list[int]:
    """Slow dedup number {i}."""
    out = []
    for x in xs:
        if x not in out:
            out.append(x + {i})
    return out
'''


def build(root: Path, count: int) -> list[str]:
    names = [f"f{i}" for i in range(count)]
    (root / "funcs.py").write_text("".join(TEMPLATE.format(i=i) for i in range(count)))
    tests = ["from funcs import *\n"] + [
        f"def test_{n}():\n    assert len({n}([j % 50 for j in range(300)])) == 50\n" for n in names
    ]
    (root / "test_funcs.py").write_text("\n".join(tests))
    return names


def measure_all(root: Path, names: list[str]) -> None:
    sandbox, store = Sandbox(), Store(root)
    source = (root / "funcs.py").read_text()
    for n in names:
        result = profile(sandbox, parse_target(f"funcs.py::{n}", root), budget_s=0.3).to_json()
        info = function_info(source, n)
        store.put_measurement("funcs.py", n, info.source_hash,
                              Measurement.from_profile(result, info.first_line - 1))


def pct(values: list[float], q: float) -> float:
    xs = sorted(values)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]


async def drive(root: Path, names: list[str], requests: int, soak: int) -> dict:
    client = LanguageClient("bench", "1")
    tokens: list = []

    @client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def create(params: types.WorkDoneProgressCreateParams) -> None:
        tokens.append(params.token)

    @client.feature(types.PROGRESS)
    def progress(params: types.ProgressParams) -> None:
        pass

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def show(params: types.ShowMessageParams) -> None:
        pass

    await client.start_io(sys.executable, "-m", "afterburner.server.cli", "serve")
    server = psutil.Process(client._server.pid)
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                window=types.WindowClientCapabilities(work_done_progress=True)
            ),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="bench")],
        )
    )
    client.initialized(types.InitializedParams())
    uri = (root / "funcs.py").as_uri()
    text = (root / "funcs.py").read_text()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    lines = text.splitlines()
    defs = [i for i, line in enumerate(lines) if line.startswith("def f")]
    doc = types.TextDocumentIdentifier(uri=uri)
    rng = random.Random(0)

    async def hover(line: int) -> float:
        t0 = time.perf_counter()
        r = await client.text_document_hover_async(types.HoverParams(doc, types.Position(line, 5)))
        assert r is not None and "median" in r.contents.value, r
        return time.perf_counter() - t0

    async def actions(line: int) -> float:
        t0 = time.perf_counter()
        await client.text_document_code_action_async(
            types.CodeActionParams(
                doc,
                types.Range(types.Position(line, 0), types.Position(line, 0)),
                types.CodeActionContext(diagnostics=[]),
            )
        )
        return time.perf_counter() - t0

    await hover(defs[0])  # warm-up: store loaded, modules imported
    rss_before = server.memory_info().rss
    hovers = [await hover(rng.choice(defs)) for _ in range(requests)]
    acts = [await actions(rng.choice(defs)) for _ in range(requests)]
    version, cancelled = 1, 0
    t0 = time.perf_counter()
    for k in range(soak):
        kind = k % 10
        line = rng.choice(defs)
        if kind < 5:
            await hover(line)
        elif kind < 8:
            await actions(line)
        elif kind == 8:  # an edit: append and remove a comment line at the end
            version += 1
            edited = text + ("# edit\n" if version % 2 else "")
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    [types.TextDocumentContentChangeWholeDocument(text=edited)],
                )
            )
        elif k % 50 == 9:  # start an optimization and cancel it at once
            fut = asyncio.ensure_future(
                client.workspace_execute_command_async(
                    types.ExecuteCommandParams(
                        command="afterburner.optimize", arguments=[uri, "f0"]
                    )
                )
            )
            while not tokens and not fut.done():
                await asyncio.sleep(0.01)
            if tokens:
                client.window_work_done_progress_cancel(
                    types.WorkDoneProgressCancelParams(token=tokens.pop())
                )
            await asyncio.wait_for(fut, 60)
            cancelled += 1
    soak_s = time.perf_counter() - t0
    await asyncio.sleep(3)
    rss_after = server.memory_info().rss
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "functions_measured": len(names),
        "hover_p50_ms": pct(hovers, 50) * 1e3,
        "hover_p95_ms": pct(hovers, 95) * 1e3,
        "code_action_p50_ms": pct(acts, 50) * 1e3,
        "code_action_p95_ms": pct(acts, 95) * 1e3,
        "requests_each": requests,
        "soak_requests": soak,
        "soak_s": soak_s,
        "soak_cancelled_optimizations": cancelled,
        "rss_before_mb": rss_before / 2**20,
        "rss_after_mb": rss_after / 2**20,
        "hover_mean_ms": statistics.fmean(hovers) * 1e3,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--functions", type=int, default=60)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--soak", type=int, default=1000)
    parser.add_argument("--out", default="benchmarks/results/lsp.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        names = build(root, args.functions)
        t0 = time.monotonic()
        measure_all(root, names)
        print(f"measured {len(names)} functions in {time.monotonic() - t0:.0f} s", flush=True)
        result = asyncio.run(drive(root, names, args.requests, args.soak))
    print(json.dumps(result, indent=2))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
