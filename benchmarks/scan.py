"""`afterburner scan` on real projects and on the rules corpus packaged as one project.

    .venv/bin/python benchmarks/scan.py [--projects a,b] [--repeats 3] [--corpus-optimize 10]

Real projects (those of benchmarks/realworld.py, installed from their sdists outside the
repository): per project, the plain test run (`python -m pytest -q`), the same under
`python -m cProfile`, and `afterburner scan --fresh --json`, each `--repeats` times; the
median wall times; the overlap of scan's top 10 with cProfile's top 10 workspace functions
(by tottime and by cumtime, matched by file and first line).

The rules corpus (benchmarks/rules_corpus: 82 slow functions, each with its tests) is
packaged as one project in a temporary folder, and `scan --optimize N` runs on it: how many
of the top N are corpus targets, how many were sped up, and the check run before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from realworld import env as envmod
from realworld.jobs import load_corpus

from afterburner.sandbox.child.sampler import workspace_key

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "afterburner.server.cli"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(cmd: list[str], cwd: Path, timeout: float = 1800) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return time.monotonic() - started, done.stdout


def cprofile_top(path: Path, root: Path, key: str, n: int = 10) -> list[tuple[str, int]]:
    """Workspace functions by cProfile's tottime or cumtime, as (file, first line)."""
    stats = pstats.Stats(str(path)).stats  # {(file, line, name): (cc, nc, tt, ct, callers)}
    rows = []
    for (file, line, name), (_cc, _nc, tt, ct, _callers) in stats.items():
        k = workspace_key(os.path.realpath(file), name, str(root))
        if k is None or k[1] == "<module>" or name.startswith("<"):
            continue
        rows.append(((k[0], line), tt if key == "tottime" else ct))
    rows.sort(key=lambda r: -r[1])
    return [r[0] for r in rows[:n]]


def project_figures(env: envmod.Env, project: envmod.Project, repeats: int) -> dict:
    root = project.root
    assert root is not None
    py = str(env.python)
    base = ["-m", "pytest", "-q", "-p", "no:cacheprovider", *project.pytest_args, *project.tests]
    prof = Path(tempfile.mkdtemp()) / "run.prof"
    plain, profiled, scanned = [], [], []
    scan = {}
    for _ in range(repeats):  # interleaved, so that drift in the load falls on all three
        plain.append(timed([py, *base], root)[0])
        profiled.append(timed([py, "-m", "cProfile", "-o", str(prof), *base], root)[0])
        tests = " ".join([*project.pytest_args, *project.tests])
        wall, out = timed(
            [*CLI, "scan", "--fresh", "--json", "--top", "10", "--python", py, "--tests", tests],
            root,
        )
        scanned.append(wall)
        scan = json.loads(out)
    ours = [(f["file"], f["line"]) for f in scan["functions"] if f["qualname"] != "<module>"][:10]
    figures = {
        "plain_s": round(statistics.median(plain), 2),
        "cprofile_s": round(statistics.median(profiled), 2),
        "scan_s": round(statistics.median(scanned), 2),
        "tests": scan["tests"],
        "top10": [f["spec"] for f in scan["functions"][:10]],
        "shares": [f["self_share"] for f in scan["functions"][:10]],
    }
    for key in ("tottime", "cumtime"):
        theirs = cprofile_top(prof, root, key)
        figures[f"overlap_{key}"] = len(set(ours) & set(theirs))
    figures["scan_ratio"] = round(figures["scan_s"] / figures["plain_s"], 2)
    figures["cprofile_ratio"] = round(figures["cprofile_s"] / figures["plain_s"], 2)
    shutil.rmtree(prof.parent, ignore_errors=True)
    return figures


def package_corpus(corpus: Path, dest: Path) -> list[str]:
    """The corpus as one project: corpus/<case>.py and tests/test_<case>.py. Returns the
    targets' specs."""
    (dest / "corpus").mkdir(parents=True)
    (dest / "tests").mkdir()
    (dest / "corpus" / "__init__.py").write_text("")
    targets = []
    for case in sorted(p for p in corpus.iterdir() if (p / "case.toml").exists()):
        name = case.name
        shutil.copy(case / "mod.py", dest / "corpus" / f"{name}.py")
        tests = (case / "test_mod.py").read_text(encoding="utf-8")
        tests = re.sub(r"^(\s*)from mod import", rf"\1from corpus.{name} import", tests, flags=re.M)
        tests = re.sub(r"^(\s*)import mod\b", rf"\1import corpus.{name} as mod", tests, flags=re.M)
        (dest / "tests" / f"test_{name}.py").write_text(tests, encoding="utf-8")
        target = tomllib.loads((case / "case.toml").read_text())["target"]
        targets.append(f"corpus/{name}.py::{target}")
    return targets


def corpus_figures(n: int, repeats: int) -> dict:
    dest = Path(tempfile.mkdtemp(prefix="afterburner-corpus-project-"))
    try:
        targets = package_corpus(HERE / "rules_corpus", dest)
        started = time.monotonic()
        _, out = timed([*CLI, "scan", "--json", "--fresh", "--top", str(n), "--optimize", str(n),
                        "--repeats", str(repeats)], dest, timeout=7200)  # fmt: skip
        r = json.loads(out)
        top = [f["spec"] for f in r["functions"][:n]]
        return {
            "cases": len(targets),
            "workload": r["workload"],
            "tests": r["tests"],
            "scan_wall_s": r["wall_s"],
            "top": top,
            "top_are_targets": sum(spec in targets for spec in top),
            "optimized": r["optimized"],
            "sped_up": r["sped_up"],
            "saved_share": r["saved_share"],
            "check": r["check"],
            "wall_s": round(time.monotonic() - started, 1),
        }
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", help="comma-separated (default: all of realworld.py)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus-optimize", type=int, default=10, help="0: skip the corpus")
    parser.add_argument("--out", default=str(HERE / "results" / "scan.json"))
    args = parser.parse_args(argv)
    projects, tools, _ = load_corpus(args.projects.split(",") if args.projects else None, None)
    env = envmod.prepare(projects, tools, log)
    result: dict = {"python": str(env.python), "repeats": args.repeats, "projects": {}}
    for name, project in projects.items():
        result["projects"][name] = figures = project_figures(env, project, args.repeats)
        log(f"{name}: plain {figures['plain_s']} s, cProfile {figures['cprofile_ratio']}x, "
            f"scan {figures['scan_ratio']}x; top-10 overlap tottime "
            f"{figures['overlap_tottime']}, cumtime {figures['overlap_cumtime']}")  # fmt: skip
    if args.corpus_optimize:
        result["corpus"] = c = corpus_figures(args.corpus_optimize, args.repeats)
        log(f"corpus: top {args.corpus_optimize}: {c['top_are_targets']} targets, "
            f"{c['sped_up']} sped up; check {c['check']}")  # fmt: skip
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps({k: v for k, v in result.items() if k != "projects"}, indent=2)[:3000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
