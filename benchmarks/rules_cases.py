"""The `rules` backend over the public cases: which functions it speeds up, by how much
(verified), and how many wrong rewrites it offers (an offered rewrite is wrong when the
case's own tests fail once it is applied; must be 0).

    .venv/bin/python benchmarks/rules_cases.py [--rounds 3] [--out benchmarks/results/rules.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import case_workspace, cases, write_results

from afterburner.model.backends import BackendConfig, make_backend
from afterburner.model.loop import LoopSettings, optimize
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.worker import Sandbox


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", default="benchmarks/results/rules.json")
    args = parser.parse_args()
    sandbox, backend = Sandbox(), make_backend(BackendConfig("rules"))
    rows = []
    print(f"{'case':26} {'attempts':>8} {'best':>8} {'95% CI':>14} {'rule':28} {'tests':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for case, meta in cases():
            ws = case_workspace(case, Path(tmp))
            target = parse_target(f"mod.py::{meta['target']}", ws)
            result = optimize(sandbox, target, backend, LoopSettings(rounds=args.rounds, k=4))
            attempts = [c for rnd in result.rounds for c in rnd]
            row = {
                "case": case.name,
                "attempts": len(attempts),
                "rejected": sum(c.status == "rejected" for c in attempts),
                "speedup": None,
                "ci95": None,
                "rule": None,
                "offered_wrong": False,
            }
            tests = "-"
            if result.best is not None:
                target.file.write_text(
                    apply_rewrite(target.file.read_text(), target.qualname, result.best.code)
                )
                pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
                run = subprocess.run(pytest, cwd=ws, capture_output=True, timeout=600)
                row.update(
                    speedup=result.best.speedup,
                    ci95=result.best.ci95,
                    rule=(result.best.note or "").split(":")[0].removeprefix("rule "),
                    offered_wrong=run.returncode != 0,
                )
                tests = "FAIL" if run.returncode else "pass"
            rows.append(row)
            best = f"{row['speedup']:.2f}x" if row["speedup"] else "-"
            ci = f"{row['ci95'][0]:.2f}-{row['ci95'][1]:.2f}" if row["ci95"] else "-"
            print(
                f"{case.name:26} {len(attempts):8} {best:>8} {ci:>14} {row['rule'] or '-':28} "
                f"{tests:>6}",
                flush=True,
            )
    sped = [r for r in rows if r["speedup"]]
    summary = {
        "cases": len(rows),
        "sped_up": len(sped),
        "wrong_offered": sum(r["offered_wrong"] for r in rows),
        "rejected_by_verifier": sum(r["rejected"] for r in rows),
    }
    print(json.dumps(summary))
    write_results(args.out, {"rows": rows, "summary": summary})


if __name__ == "__main__":
    main()
