"""Afterburner on real open-source pure-Python projects and their own test suites.

    .venv/bin/python benchmarks/realworld.py [--projects a,b] [--functions N] [--jobs 2]
        [--timeout 300] [--out benchmarks/results/realworld.json]

Pinned sdists are downloaded, unpacked and installed (editable, with pytest and Hypothesis)
into one venv under ~/.cache/afterburner-realworld/ (or $AFTERBURNER_REALWORLD_CACHE); nothing
from them is copied into the repository. For every function of realworld/corpus.toml:
whether the project's tests reach it at all (a setprofile tracer over the suite), `profile`
(inputs captured from the tests, wall time against plain pytest of the reaching test files),
and `verify` of the identity rewrite (must be equivalent and not faster), of the hand-written
wrong rewrite (must be rejected) and of the hand-written fast one (must be equivalent).
Afterburner's failures are recorded with their reason, never raised.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from realworld import env as envmod
from realworld import summary
from realworld.jobs import CORPUS, Function, load_corpus, run_function, trace_project

HERE = Path(__file__).resolve().parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _corpus_order() -> list[str]:
    return [Function(**e).key for e in tomllib.loads(CORPUS.read_text())["functions"]]


def short(record: dict) -> str:
    marks = []
    for kind in ("identity", "wrong", "fast"):
        if kind in record:
            marks.append(f"{kind}={record[kind]['status']}")
    inputs = record["profile"].get("inputs") or {}
    return (
        f"{record['project']}:{record['qualname']}: {' '.join(marks)} "
        f"from_tests={inputs.get('from_tests', '-')} reachable={record.get('reachable')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", help="comma-separated project names (default: all)")
    parser.add_argument("--functions", type=int, help="at most N functions per project")
    parser.add_argument("--jobs", type=int, default=2, help="functions measured at once")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command")
    parser.add_argument("--out", default=str(HERE / "results" / "realworld.json"))
    parser.add_argument(
        "--merge", action="store_true", help="keep the other projects' results already in --out"
    )
    args = parser.parse_args(argv)
    chosen = args.projects.split(",") if args.projects else None
    projects, tools, functions = load_corpus(chosen, args.functions)
    started = time.monotonic()
    env = envmod.prepare(projects, tools, log)
    log(f"environment ready in {env.cache} ({time.monotonic() - started:.0f} s)")
    suites, traces = {}, {}
    for project in projects.values():
        suites[project.name] = envmod.run_suite(env, project)
        log(
            f"suite {project.name}: {suites[project.name].get('counts')} "
            f"in {suites[project.name].get('wall_s')} s"
        )
        mine = [f for f in functions if f.project == project.name]
        for fn, trace in zip(mine, trace_project(env, project, mine), strict=True):
            traces[fn.key] = trace
    records: list[dict] = []
    # The first function alone: its workers build the shared Hypothesis tables once.
    first, rest = functions[:1], functions[1:]
    for fn in first:
        records.append(run_function(env, fn, traces[fn.key], args.timeout))
        log(short(records[-1]))
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {
            pool.submit(run_function, env, fn, traces[fn.key], args.timeout): fn for fn in rest
        }
        for future in as_completed(futures):
            records.append(future.result())
            log(short(records[-1]))
    out = Path(args.out)
    described = {
        name: {"requirement": p.requirement, "suite": suites[name]} for name, p in projects.items()
    }
    if args.merge and out.exists():
        old = json.loads(out.read_text())
        records += [r for r in old["functions"] if r["project"] not in projects]
        described = {**{k: v for k, v in old["projects"].items() if k not in projects}, **described}
        suites = {name: p["suite"] for name, p in described.items()}
    order = {key: i for i, key in enumerate(_corpus_order())}
    records.sort(key=lambda r: order.get(f"{r['project']}:{r['file']}::{r['qualname']}", 0))
    result = {
        "cache": str(env.cache),
        "python": str(env.python),
        "projects": described,
        "settings": {"jobs": args.jobs, "timeout_s": args.timeout},
        "wall_s": round(time.monotonic() - started, 1),
        "totals": summary.figures(records),
        "failures": summary.failures(records),
        "functions": records,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str))
    print(summary.table(records, suites))
    print(f"\n{len(records)} functions in {result['wall_s']} s; results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
