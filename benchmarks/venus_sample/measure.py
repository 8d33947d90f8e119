"""Measure the reference solutions of the Venus-like sample with Afterburner's sandbox and
write venus_sample.jsonl next to this file.

    python benchmarks/venus_sample/measure.py [--out PATH] [--budget 0.5]

Each solution is written as solution.py beside the problem's tests in a temporary
workspace; the tests must pass, then `afterburner.sandbox.profile.profile` times it on the
inputs the tests pass: `time` = seconds for one call on each input, `memory` = peak bytes,
`integral` = time x memory (byte-seconds). Solutions that fail are kept with passed=false.
The evaluator measures candidates with the same function
(`afterburner.model.train.workspace.measure`), so the figures compare on one machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from problems import PROBLEMS  # noqa: E402

from afterburner.model.train.workspace import measure  # noqa: E402
from afterburner.sandbox.worker import Sandbox  # noqa: E402


def build_rows(budget_s: float = 0.5, workers: int = 4) -> list[dict]:
    sandbox = Sandbox()
    jobs = [(p, code) for p in PROBLEMS for code in p["solutions"]]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        measured = list(pool.map(
            lambda job: measure(sandbox, job[1], job[0]["tests"], job[0]["function_name"],
                                budget_s),
            jobs,
        ))
    figures = {id(code): m for (_, code), m in zip(jobs, measured, strict=True)}
    rows = []
    for p in PROBLEMS:
        solutions = []
        for code in p["solutions"]:
            m = figures[id(code)]
            solutions.append({
                "code": code,
                "status": "Accepted" if m["passed"] else "Failed",
                "passed": m["passed"],
                "time": m["time"],
                "memory": m["memory"],
                "integral": m["integral"],
            })
        name = p["function_name"]
        rows.append({
            "problem_id": p["problem_id"],
            "title": p["title"],
            "question_content": p["question_content"],
            "difficulty": p["difficulty"],
            "tags": p["tags"],
            "function_name": name,
            "signature": p["signature"],
            "code_prompt": p["signature"] + ":\n    ...\n",
            "tests": p["tests"],
            "starting_solution": p["starting_solution"],
            "solutions": solutions,
        })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "venus_sample.jsonl"))
    parser.add_argument("--budget", type=float, default=0.5, help="profiling seconds each")
    args = parser.parse_args(argv)
    rows = build_rows(args.budget)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    for row in rows:
        figs = ", ".join(
            f"{s['time'] * 1e6:.0f}us" if s["passed"] else "FAILED" for s in row["solutions"]
        )
        print(f"{row['problem_id']} {row['function_name']}: {figs}")
    print(f"wrote {len(rows)} problems to {args.out}")
    return 0 if all(s["passed"] for r in rows for s in r["solutions"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
