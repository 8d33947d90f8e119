"""The `rules` backend on the functions of real projects (realworld/corpus.toml), each
optimized with the project's own tests as inputs, as a user would run it:

    .venv/bin/python benchmarks/realworld_rules.py [--projects a,b] [--rounds 2]
        [--out benchmarks/results/realworld_rules.json]

For each function: which rules the first round proposes, the best verified speedup, and,
when there is one, whether the project's tests that reach the function still pass with the
rewrite applied (an offered rewrite that breaks them is a wrong one; must be 0). The file is
restored afterwards. The environment is the one `realworld.py` prepares (pinned sdists in
~/.cache/afterburner-realworld/, nothing copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from realworld import env as envmod
from realworld.jobs import afterburner, load_corpus, trace_project

from afterburner.sandbox.splice import apply_rewrite

HERE = Path(__file__).resolve().parent
THRESHOLD = 1.2


def optimize_one(env: envmod.Env, fn, trace: dict, rounds: int, timeout: float) -> dict:
    project = env.projects[fn.project]
    assert project.root is not None
    record = {"project": fn.project, "qualname": fn.qualname, "reachable": trace["reachable"]}
    args = ["optimize", fn.spec, "--backend", "rules", "--rounds", str(rounds),
            "--python", str(env.python)]  # fmt: skip
    answer = afterburner(args, project.root, timeout)
    if answer.get("error"):
        return {**record, "status": "error", "reason": answer.get("reason")}
    attempts = [c for rnd in answer.get("rounds", []) for c in rnd]
    best = answer.get("best")
    record.update(
        status="ok",
        stopped=answer.get("stopped"),
        attempts=len(attempts),
        rules=sorted({(c.get("note") or "").split(":")[0].removeprefix("rule ")
                      for c in attempts}),  # fmt: skip
        rejected=sum(c.get("status") == "rejected" for c in attempts),
        speedup=best and best.get("speedup"),
        ci95=best and best.get("ci95"),
        wall_s=answer.get("cli_wall_s"),
    )
    if best:
        path = project.root / fn.file
        original = path.read_text(encoding="utf-8")
        try:
            path.write_text(apply_rewrite(original, fn.qualname, best["code"]), encoding="utf-8")
            run = envmod.run_pytest(env, project, trace["reaching_files"] or project.tests,
                                    timeout)  # fmt: skip
            record["tests_after"] = "timeout" if run is None else (
                "pass" if run.returncode == 0 else "FAIL")
        finally:
            path.write_text(original, encoding="utf-8")
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", help="comma-separated project names (default: all)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--out", default=str(HERE / "results" / "realworld_rules.json"))
    args = parser.parse_args()
    chosen = args.projects.split(",") if args.projects else None
    projects, tools, functions = load_corpus(chosen, None)
    started = time.monotonic()
    env = envmod.prepare(projects, tools, lambda m: print(m, file=sys.stderr, flush=True))
    rows = []
    for project in projects.values():
        mine = [f for f in functions if f.project == project.name]
        for fn, trace in zip(mine, trace_project(env, project, mine), strict=True):
            row = optimize_one(env, fn, trace, args.rounds, args.timeout)
            rows.append(row)
            best = f"{row['speedup']:.2f}x" if row.get("speedup") else "-"
            print(f"{fn.project:16} {fn.qualname:40} {best:>8} {row.get('tests_after', '')}"
                  f"  {','.join(row.get('rules', [])) or row.get('reason', '')}", flush=True)
    sped = [r for r in rows if (r.get("speedup") or 0) >= THRESHOLD]
    summary = {
        "functions": len(rows),
        "proposed": sum(bool(r.get("attempts")) for r in rows),
        "sped_up": len(sped),
        "wrong_offered": sum(r.get("tests_after") == "FAIL" for r in rows),
        "errors": sum(r["status"] == "error" for r in rows),
        "wall_s": round(time.monotonic() - started, 1),
    }
    print(json.dumps(summary))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "functions": rows}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
