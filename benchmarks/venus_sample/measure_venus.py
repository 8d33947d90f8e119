"""Measure the solutions of the Venus-schema sample (`venus/*.json`, one problem each, in the
real Venus schema) and write `venus_python.jsonl` next to this file, in that schema.

    .venv/bin/python benchmarks/venus_sample/measure_venus.py [--out PATH] [--budget 0.5]

Each solution runs through the same path as `afterburner eval` (model/train/venus.py: the
row's runner and evaluator as pytest tests, the solution as `Solution.<method>` in
solution.py): `passed` is whether every test case passes, and for passing solutions the
sandbox's profiler gives the time of one call on each captured input (the workload), its
peak memory and their product. They are written in the paper's units, as the real data set
has them: `time` in ms, `memory` in KB, `integral` in ms x KB. A solution whose `expected`
("pass" / "fail", the author's claim) disagrees with the measurement fails the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from afterburner.model.train.venus import to_problem
from afterburner.model.train.workspace import measure, module_text
from afterburner.sandbox.worker import Sandbox

HERE = Path(__file__).resolve().parent
KEYS = (
    "problem_id", "title", "question_content", "difficulty", "tags", "code_prompt",
    "test_case_generator", "test_case_evaluator", "test_case_runners", "test_cases",
)  # fmt: skip


def sources() -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "venus").glob("*.json"))
    ]


def build_rows(budget_s: float, workers: int) -> tuple[list[dict], list[str]]:
    sandbox = Sandbox()
    raw = sources()
    jobs = []
    for row in raw:
        # Every solution counts as passing for the conversion: measuring decides.
        problem = to_problem(
            {**row, "solutions": [{**s, "passed": True} for s in row["solutions"]]}
        )
        jobs += [(problem, s["code"]) for s in row["solutions"]]

    def one(job: tuple[dict, str]) -> dict:
        problem, code = job
        return measure(sandbox, module_text(problem, code), problem["tests"],
                       problem["function_name"], budget_s)  # fmt: skip

    with ThreadPoolExecutor(max_workers=workers) as pool:
        measured = iter(list(pool.map(one, jobs)))
    rows, wrong = [], []
    for row in raw:
        solutions = []
        for s in row["solutions"]:
            m = next(measured)
            if (s.get("expected") == "pass") != m["passed"]:
                got = "passed" if m["passed"] else "failed"
                wrong.append(
                    f"{row['problem_id']}: a solution expected to {s.get('expected')} {got} "
                    f"({m['reason']})"
                )
            ok = m["passed"] and m["time"] is not None
            solutions.append({
                "code": s["code"],
                "status": "success" if m["passed"] else "failed",
                "passed": m["passed"],
                # The real data has inf for a failed solution; JSON has no inf: null here.
                "time": m["time"] * 1e3 if ok else None,
                "memory": m["memory"] / 1024 if ok and m["memory"] is not None else None,
                "integral": m["integral"] / 1024e-3 if ok and m["integral"] else None,
            })  # fmt: skip
        rows.append({**{k: row[k] for k in KEYS}, "solutions": solutions})
    return rows, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "venus_python.jsonl"))
    parser.add_argument("--budget", type=float, default=0.5, help="profiling seconds each")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rows, wrong = build_rows(args.budget, args.workers)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    for row in rows:
        figs = ", ".join(
            f"{s['time']:.3g}ms" if s["passed"] else "failed" for s in row["solutions"]
        )
        print(f"{row['problem_id']} {row['title']}: {figs}")
    print(f"wrote {len(rows)} problems to {args.out}")
    for line in wrong:
        print(f"MISMATCH {line}", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
