"""Afterburner's own process parses through `sandbox.syntax` only: CPython 3.11's parser
fails from several threads at once, and the lock there is what prevents it."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from afterburner.sandbox import syntax

ROOT = Path(__file__).resolve().parents[2]
# Workers (sandbox/child) are single-threaded; syntax.py is the one place allowed to parse.
PARENT_SIDE = [
    p
    for folder in ("server", "model", "sandbox")
    for p in sorted((ROOT / folder).rglob("*.py"))
    if "child" not in p.parts and p.name != "syntax.py"
]
UNSAFE = {("ast", "parse"), ("ast", "literal_eval"), (None, "compile")}


def _unsafe_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            key = (f.value.id, f.attr)
        elif isinstance(f, ast.Name):
            key = (None, f.id)
        else:
            continue
        if key in UNSAFE:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_parent_side_module_parses_around_the_lock():
    assert len(PARENT_SIDE) > 40
    offenders = [where for p in PARENT_SIDE for where in _unsafe_calls(p)]
    assert offenders == [], offenders


def test_parses_from_threads_are_serialised(monkeypatch):
    inside, most = [0], [0]
    lock = threading.Lock()
    real = ast.parse

    def counting(*args, **kwargs):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                inside[0] -= 1

    monkeypatch.setattr(syntax.ast, "parse", counting)
    source = "\n".join(f"def f{i}(x):\n    return [y * {i} for y in x]" for i in range(300))
    threads = [threading.Thread(target=syntax.parse, args=(source,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
