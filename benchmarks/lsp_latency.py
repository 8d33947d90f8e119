"""Editor latency of the real server over stdio: start-up to `initialize` next to a bare
pygls server (and python-lsp-server when installed), measured alternately; hover and code
action latency on a document of 2,000 functions right after edits; a 5 MB document; RSS.

    .venv/bin/python benchmarks/lsp_latency.py [--functions 2000] [--edits 40] [--starts 7]

Writes benchmarks/results/lsp_latency.json and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.rpc import RawClient  # noqa: E402

OUT = Path(__file__).resolve().parent / "results" / "lsp_latency.json"
BARE = "from pygls.lsp.server import LanguageServer\nLanguageServer('bare', '0').start_io()\n"


def module(n: int) -> str:
    body = (
        "def f{i}(xs, y=1):\n    '''Function {i}.'''\n    out = []\n    for x in xs:\n"
        "        if x not in out:\n            out.append(x * y + {i})\n    return out\n"
    )
    return "\n\n".join(body.format(i=i) for i in range(n))


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def ms(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values) * 1e3, 1),
        "p95_ms": round(p95(values) * 1e3, 1),
        "max_ms": round(max(values) * 1e3, 1),
    }


def start_up(argv: list[str], root: Path) -> float:
    client = RawClient(root, argv=argv)
    started = time.perf_counter()
    client.ask(1, "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
    answer = client.answer(1, timeout_s=60)
    elapsed = time.perf_counter() - started
    client.close()
    assert answer is not None and "result" in answer, answer
    return elapsed


def start_ups(root: Path, rounds: int) -> dict:
    servers = {
        "afterburner": [sys.executable, "-m", "afterburner.server.cli", "serve"],
        "bare pygls": [sys.executable, "-c", BARE],
    }
    pylsp = shutil.which("pylsp")
    if pylsp:
        servers["python-lsp-server"] = [pylsp]
    times: dict[str, list[float]] = {name: [] for name in servers}
    for _ in range(rounds):  # alternately, so that the machine's load hits all alike
        for name, argv in servers.items():
            times[name].append(start_up(argv, root))
    out = {name: ms(values) for name, values in times.items()}
    out["afterburner / bare pygls (medians)"] = round(
        statistics.median(times["afterburner"]) / statistics.median(times["bare pygls"]), 2
    )
    return out


def after_edits(root: Path, n: int, edits: int) -> dict:
    path = root / "big.py"
    text = module(n)
    path.write_text(text)
    client = RawClient(root)
    client.initialize(root)
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    proc = psutil.Process(client.proc.pid)
    hover, action = [], []
    lines = text.count("\n")
    next_id = 100
    for k in range(edits):
        line = (k * 7919) % lines
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": k + 2},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": line, "character": 0},
                            "end": {"line": line, "character": 0},
                        },
                        "text": "# edited\n" if k % 2 == 0 else "",
                    }
                ],
            },
        )
        time.sleep(0.5)  # a typing pause
        for kind, bucket in (("textDocument/hover", hover), ("textDocument/codeAction", action)):
            target = (k * 104729) % lines
            params = {
                "textDocument": {"uri": uri},
                "position": {"line": target, "character": 4},
                "range": {
                    "start": {"line": target, "character": 0},
                    "end": {"line": target, "character": 0},
                },
                "context": {"diagnostics": []},
            }
            if kind == "textDocument/hover":
                params.pop("range")
                params.pop("context")
            else:
                params.pop("position")
            started = time.perf_counter()
            client.ask(next_id, kind, params)
            answer = client.answer(next_id, timeout_s=120)
            bucket.append(time.perf_counter() - started)
            assert answer is not None and "error" not in answer, answer
            next_id += 1
    rss = proc.memory_info().rss
    client.close()
    return {
        "functions": n,
        "characters": len(text),
        "hover after an edit": ms(hover),
        "code action after an edit": ms(action),
        "rss_mb_after": round(rss / 2**20, 1),
    }


def huge(root: Path) -> dict:
    path = root / "huge.py"
    text = module(20_000)
    while len(text) < 5_000_000:
        text += "\n\n" + module(2_000)
    path.write_text(text)
    client = RawClient(root)
    client.initialize(root)
    proc = psutil.Process(client.proc.pid)
    idle = proc.memory_info().rss
    uri = path.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    started = time.perf_counter()
    client.ask(
        5,
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 4}},
    )
    answer = client.answer(5, timeout_s=120)
    elapsed = time.perf_counter() - started
    client.close()
    return {
        "characters": len(text),
        "hover_ms": round(elapsed * 1e3, 1),
        "answer": answer.get("result") if answer else "no answer",
        "rss_mb_idle": round(idle / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--functions", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--starts", type=int, default=7)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="afterburner-latency-"))
    try:
        report = {
            "start-up to initialize": start_ups(root, args.starts),
            "big document": after_edits(root, args.functions, args.edits),
            "5 MB document": huge(root),
            "machine": f"{psutil.cpu_count()} CPUs, load {psutil.getloadavg()[0]:.1f}",
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
