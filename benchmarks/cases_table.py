"""Verdict table over the public cases in ../shared/cases: every candidate, expected vs got.

.venv/bin/python benchmarks/cases_table.py [--out benchmarks/results/cases.json]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _common import case_workspace, cases, write_results

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import verify
from afterburner.sandbox.worker import Sandbox


def expected_ok(expected: dict, r) -> bool:
    if not expected["equivalent"]:
        return not r.equivalent
    if not r.equivalent:
        return False
    if "min_speedup" in expected:
        return r.verdict == "faster" and r.speedup >= expected["min_speedup"]
    return r.verdict != "faster" and r.speedup <= expected.get("max_speedup", 1.10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="benchmarks/results/cases.json")
    args = parser.parse_args()
    sandbox = Sandbox()
    rows = []
    header = f"{'case/candidate':44} {'expected':>14} {'got':>24}"
    print(f"{header} {'speedup (95% CI)':>26} {'wall':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for case, meta in cases():
            ws = case_workspace(case, Path(tmp))
            target = parse_target(f"mod.py::{meta['target']}", ws)
            inputs = collect_inputs(sandbox, target)
            for cand, expected in meta["candidates"].items():
                t0 = time.monotonic()
                r = verify(sandbox, target, (case / cand).read_text(), inputs=inputs)
                wall = time.monotonic() - t0
                got = r.verdict if r.equivalent else f"rejected ({r.stage})"
                want = "equivalent" if expected["equivalent"] else "not equivalent"
                ci = f"{r.speedup:.2f}x ({r.ci95[0]:.2f}-{r.ci95[1]:.2f})" if r.speedup else "-"
                ok = expected_ok(expected, r)
                print(
                    f"{case.name + '/' + cand:44} {want:>14} {got:>24} {ci:>26} {wall:5.1f}s"
                    f"{'' if ok else '  MISMATCH'}",
                    flush=True,
                )
                rows.append(
                    {
                        "case": case.name,
                        "candidate": cand,
                        "expected": expected,
                        "equivalent": r.equivalent,
                        "stage": r.stage,
                        "reason": r.reason,
                        "verdict": r.verdict,
                        "speedup": r.speedup,
                        "ci95": r.ci95,
                        "wall_s": round(wall, 2),
                        "as_expected": ok,
                    }
                )
    agree = sum(r["as_expected"] for r in rows)
    print(
        f"{agree}/{len(rows)} verdicts as expected; wrong rewrites accepted: "
        f"{sum(1 for r in rows if not r['expected']['equivalent'] and r['equivalent'])}"
    )
    write_results(args.out, rows)


if __name__ == "__main__":
    main()
