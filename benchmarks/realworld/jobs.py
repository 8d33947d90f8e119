"""Per-function work: the identity rewrite, the Afterburner commands and their expectations,
the reachability trace of a project's suite and the plain-pytest time of the reaching tests."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from afterburner.sandbox.child.loader import split_accessor
from afterburner.sandbox.target import find_function

from .env import Env, Project, run_pytest

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "afterburner.server.cli"]


@dataclass
class Function:
    project: str
    file: str
    qualname: str
    kinds: list[str] = field(default_factory=list)
    wrong: str | None = None  # what the hand-written wrong rewrite gets wrong
    fast: str | None = None  # what the hand-written fast rewrite does

    @property
    def key(self) -> str:
        return f"{self.project}:{self.file}::{self.qualname}"

    @property
    def spec(self) -> str:
        return f"{self.file}::{self.qualname}"

    def rewrite(self, kind: str) -> Path:
        return HERE / self.project / f"{self.qualname}.{kind}.py"


def identity_source(path: Path, qualname: str) -> str:
    """The def exactly as in the file, decorators included, dedented (a method bare)."""
    source = path.read_text(encoding="utf-8")
    node = find_function(ast.parse(source), qualname)  # as the CLI resolves it
    if node is None:
        raise LookupError(f"no def {qualname} in {path}")
    first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    lines = source.splitlines(keepends=True)[first - 1 : node.end_lineno]
    text = textwrap.dedent("".join(lines))
    try:
        ast.parse(text)
    except SyntaxError:  # e.g. a string literal whose lines start left of the def
        text = "".join(line[node.col_offset :] if line.strip() else line for line in lines)
    return text


def named_in_tests(root: Path, name: str) -> int:
    """Test files that mention the name: the only ones Afterburner runs to capture inputs."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    count = 0
    for path in root.rglob("*.py"):
        is_test = path.name.startswith("test_") or path.name.endswith("_test.py")
        if is_test and pattern.search(path.read_text(encoding="utf-8", errors="replace")):
            count += 1
    return count


def trace_project(env: Env, project: Project, functions: list[Function]) -> list[dict]:
    """One run of the project's suite under the tracer: calls and reaching files per function."""
    assert project.root is not None
    work = env.cache / "work" / project.name
    work.mkdir(parents=True, exist_ok=True)
    spec = {
        "targets": [[str(project.root / f.file), f.qualname] for f in functions],
        "args": [*project.pytest_args, *project.tests],
        "out": str(work / "trace.json"),
    }
    (work / "trace-spec.json").write_text(json.dumps(spec))
    empty = [{"reachable": None, "traced_calls": 0, "reaching_files": []} for _ in functions]
    try:
        subprocess.run(
            [str(env.python), str(HERE / "tracer.py"), str(work / "trace-spec.json")],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        result = json.loads((work / "trace.json").read_text())
    except (subprocess.TimeoutExpired, OSError, ValueError):
        return empty
    return [
        {"reachable": n > 0, "traced_calls": n, "reaching_files": files}
        for n, files in zip(result["calls"], result["files"], strict=True)
    ]


def afterburner(args: list[str], root: Path, timeout: float) -> dict:
    """One CLI command with --json; errors and timeouts become a record with a reason."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            [*CLI, *args, "--root", str(root), "--json"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": True, "reason": f"timeout after {timeout:.0f} s", "wall_s": timeout}
    wall = round(time.monotonic() - started, 2)
    try:
        data = json.loads(done.stdout)
    except ValueError:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        reason = lines[-1][:500] if lines else f"exit {done.returncode}, no output"
        return {"error": True, "reason": reason, "exit": done.returncode, "wall_s": wall}
    data["cli_wall_s"] = wall
    return data


VERIFY_KEYS = (
    "equivalent",
    "verdict",
    "speedup",
    "ci95",
    "reason",
    "stage",
    "counterexample",
    "inputs",
    "checked",
    "evidence",
    "evidence_note",
    "wall_s",
    "cli_wall_s",
)


def judge(kind: str, result: dict) -> dict:
    """Keep what matters of a verify answer and say whether it is what the kind expects."""
    if result.get("error"):
        return {"status": "error", **result}
    kept = {k: result.get(k) for k in VERIFY_KEYS}
    if isinstance(kept["counterexample"], str):
        kept["counterexample"] = kept["counterexample"][:300]
    equivalent, verdict = result.get("equivalent"), result.get("verdict")
    if kind == "identity":
        ok = equivalent is True and verdict != "faster"
        why = None if ok else (result.get("reason") or f"identity called {verdict}")
    elif kind == "wrong":
        ok = equivalent is False
        why = None if ok else f"wrong rewrite accepted (verdict {verdict})"
    else:
        ok = equivalent is True
        why = None if ok else result.get("reason")
    return {"status": "pass" if ok else "fail", "why": why, **kept}


def time_pytest(env: Env, project: Project, files: list[str], timeout: float) -> float | None:
    assert project.root is not None
    started = time.monotonic()
    if run_pytest(env, project, files or project.tests, timeout) is None:
        return None
    return round(time.monotonic() - started, 2)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def run_function(env: Env, fn: Function, trace: dict, timeout: float) -> dict:
    """Everything measured for one function; never raises for Afterburner's failures."""
    project = env.projects[fn.project]
    assert project.root is not None
    record: dict = {
        "project": fn.project,
        "file": fn.file,
        "qualname": fn.qualname,
        "kinds": fn.kinds,
        "named_in_tests": named_in_tests(
            project.root, split_accessor(fn.qualname)[0].rsplit(".", 1)[-1]
        ),
        **trace,
    }
    common = ["--python", str(env.python)]
    profile = afterburner(["profile", fn.spec, *common], project.root, timeout)
    record["profile"] = (
        {"status": "error", **profile}
        if profile.get("error")
        else {
            "status": "pass",
            "inputs": profile.get("inputs"),
            "median_s": (profile.get("per_call") or {}).get("median_s"),
            "wall_s": profile.get("wall_s"),
            "cli_wall_s": profile.get("cli_wall_s"),
        }
    )
    record["pytest_wall_s"] = time_pytest(env, project, trace["reaching_files"], timeout)
    selected = (record["profile"].get("inputs") or {}).get("test_files_run") or []
    record["selected_files"] = len(selected)
    record["selected_wall_s"] = time_pytest(env, project, selected, timeout) if selected else None
    capture_s = (record["profile"].get("inputs") or {}).get("capture_s")
    # The capture (worker start, the selected tests under the tracer, doctests) against
    # plain pytest of the same selected test files, as the issue defines the overhead; the
    # whole profile command against plain pytest of the files that reach the function.
    record["capture_ratio"] = ratio(capture_s, record["selected_wall_s"])
    record["profile_ratio"] = ratio(record["profile"].get("cli_wall_s"), record["pytest_wall_s"])
    candidates = env.cache / "candidates" / fn.project
    candidates.mkdir(parents=True, exist_ok=True)
    identity = candidates / f"{fn.qualname}.identity.py"
    identity.write_text(identity_source(project.root / fn.file, fn.qualname))
    runs = {"identity": identity}
    for kind in ("wrong", "fast"):
        if getattr(fn, kind):
            runs[kind] = fn.rewrite(kind)
    for kind, path in runs.items():
        answer = afterburner(
            ["verify", fn.spec, "--candidate", str(path), *common], project.root, timeout
        )
        record[kind] = judge(kind, answer)
    return record


CORPUS = Path(__file__).resolve().parent / "corpus.toml"


def load_corpus(
    chosen: list[str] | None, per_project: int | None
) -> tuple[dict, list[str], list[Function]]:
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    projects = {
        name: Project.from_toml(name, spec)
        for name, spec in data["projects"].items()
        if not chosen or name in chosen
    }
    unknown = set(chosen or []) - set(projects)
    if unknown:
        raise SystemExit(f"unknown projects: {', '.join(sorted(unknown))}")
    functions: list[Function] = []
    for entry in data["functions"]:
        if entry["project"] not in projects:
            continue
        if per_project and sum(f.project == entry["project"] for f in functions) >= per_project:
            continue
        functions.append(Function(**entry))
    return projects, data["tools"]["requirements"], functions
