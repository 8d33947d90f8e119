"""Timing verdict accuracy: false positives on identical code (A/A), and detection of a true
1.10x and 1.5x difference, for functions from ~1 µs to ~10 ms per call, within the default
budget; also the wall time per verdict.

    .venv/bin/python benchmarks/timing_accuracy.py [--repeats 40] [--detect-repeats 20] [--load 0]

The difference is built in: per loop iteration the candidate runs one statement 20 times,
the original more copies of the same statement, so the ratio is a property of the code, not
of the machine's load. The count comes from the measured ratio of 40 to 20 copies,
so that the fixed cost of calling, ~40% of a 1 µs function here, does not dilute the ratio.
A longer in-process measurement (median ratio of back-to-back runs over fresh function
objects) checks the construction: `reference_speedup`.

Each verdict runs the real pipeline (`verify`: workers, isolation, 5 processes of pairs),
with fuzzing and workspace tests off: the candidates are equivalent by construction.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from _common import write_results

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from afterburner.sandbox.worker import Sandbox

# loop iterations giving roughly 1 µs, 10 µs, 100 µs, 1 ms and 10 ms per candidate call here
SIZES = {"1us": 1, "10us": 10, "100us": 100, "1ms": 1000, "10ms": 10000}
BASE = 20  # the candidate's copies of the statement per iteration
FACTORS = (1.0, 1.10, 1.5)
SOURCE = """
def work(n: int) -> int:
    total = 0
    for i in range(n):
{body}
        total += t
    return total
"""


def source(statements: int) -> str:
    """`work` with `statements` copies of one statement per iteration: the same result,
    a cost linear in the count."""
    return SOURCE.format(body="\n".join(["        t = i * 7 % 5"] * statements))


def _work(statements: int) -> Callable[[int], int]:
    namespace: dict = {}
    exec(source(statements), namespace)
    return namespace["work"]


def paired_ratio(n: int, slow: int, fast: int, seconds: float = 1.5, rounds: int = 6) -> float:
    """t(slow statements) / t(fast statements) for `work(n)`, in this process: the median
    ratio of back-to-back runs, each round with fresh function objects. Back to back because
    this machine's speed drifts by up to 1.5x within seconds; fresh objects because two
    identical functions differ by up to ~5% in one process here (layout)."""
    logs = []
    for _ in range(rounds):
        a, b = _work(slow), _work(fast)
        loops = max(1, int(2e-3 / max(1e-9, timeit.timeit(lambda b=b: b(n), number=1))))
        end = time.monotonic() + seconds / rounds
        while time.monotonic() < end:
            first, second = (a, b) if len(logs) % 2 else (b, a)  # AB, BA, AB, ...
            t_first = timeit.timeit(lambda f=first: f(n), number=loops)
            t_second = timeit.timeit(lambda f=second: f(n), number=loops)
            ta, tb = (t_first, t_second) if first is a else (t_second, t_first)
            logs.append(math.log(ta / tb))
    return math.exp(statistics.median(logs))


def statements_for(n: int, factor: float) -> int:
    """The original's statement count for a true `factor`: from the measured ratio of 2 * BASE
    to BASE statements, which holds the fixed cost of a call (loop, harness) too."""
    if factor == 1.0:
        return BASE
    doubled = paired_ratio(n, 2 * BASE, BASE)
    return BASE + round((factor - 1) * BASE / (doubled - 1))


def workspace(root: Path, n: int, statements: int) -> None:
    root.mkdir(parents=True)
    (root / "mod.py").write_text(source(statements))
    (root / "afterburner_inputs.py").write_text(f"def inputs_work():\n    yield ({n},)\n")


def measure(sandbox: Sandbox, root: Path, repeats: int, settings: VerifySettings) -> dict:
    target = parse_target("mod.py::work", root)
    inputs = collect_inputs(sandbox, target)
    candidate = source(BASE)
    verdicts, walls, speedups, per_call = [], [], [], []
    for _ in range(repeats):
        t0 = time.monotonic()
        r = verify(sandbox, target, candidate, inputs=inputs, settings=settings)
        walls.append(time.monotonic() - t0)
        verdicts.append(r.verdict)
        speedups.append(r.speedup)
        per_call.append(r.candidate["median_s"])
    return {
        "candidate_call_s": statistics.median(per_call),
        "verdicts": len(verdicts),
        "faster": verdicts.count("faster"),
        "slower": verdicts.count("slower"),
        "median_speedup": round(statistics.median(speedups), 4),
        "min_speedup": min(speedups),
        "max_speedup": max(speedups),
        "median_wall_s": round(statistics.median(walls), 2),
        "max_wall_s": round(max(walls), 2),
    }


def summarize(rows: list[dict]) -> dict:
    def of(factor: float) -> list[dict]:
        return [r for r in rows if r["true_speedup"] == factor]

    def rate(factor: float) -> float:
        got = of(factor)
        return round(sum(r["faster"] for r in got) / max(1, sum(r["verdicts"] for r in got)), 4)

    return {
        "aa_verdicts": sum(r["verdicts"] for r in of(1.0)),
        "aa_false_positives": sum(r["faster"] + r["slower"] for r in of(1.0)),
        "detection_1.10": rate(1.10),
        "detection_1.5": rate(1.5),
        "median_wall_s": statistics.median(r["median_wall_s"] for r in rows),
        "load_average": os.getloadavg(),
    }


def _duration(seconds: float) -> str:
    return f"{seconds * 1e6:.3g} µs" if seconds < 1e-3 else f"{seconds * 1e3:.3g} ms"


def markdown(rows: list[dict], summary: dict) -> str:
    """The figures as benchmarks/README.md shows them."""
    lines = [
        "| size | candidate per call | nominal | reference | verdicts | faster | slower "
        "| median estimate | range of estimates | median wall s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']} | {_duration(r['candidate_call_s'])} | {r['true_speedup']:.2f}x "
            f"| {r['reference_speedup']:.3f} | {r['verdicts']} | {r['faster']} | {r['slower']} "
            f"| {r['median_speedup']:.3f} | {r['min_speedup']:.3f}-{r['max_speedup']:.3f} "
            f"| {r['median_wall_s']:.2f} |"
        )
    lines.append("")
    lines.append(
        f'A/A: {summary["aa_false_positives"]} verdicts other than "no significant change" '
        f"of {summary['aa_verdicts']}. Detected: {summary['detection_1.10']:.0%} at 1.10x, "
        f"{summary['detection_1.5']:.0%} at 1.5x. Median wall time per verdict "
        f"{summary['median_wall_s']:.2f} s. Load average at the end "
        f"{', '.join(f'{x:.2f}' for x in summary['load_average'])}."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=40, help="A/A verdicts per size")
    parser.add_argument("--detect-repeats", type=int, default=20, help="verdicts per size/factor")
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--out", default="benchmarks/results/timing.json")
    parser.add_argument("--table", metavar="JSON", help="only print the table of a saved run")
    parser.add_argument(
        "--load", type=int, default=0, help="busy-loop processes alongside (a loaded machine)"
    )
    args = parser.parse_args()
    if args.table:
        saved = json.loads(Path(args.table).read_text())
        print(markdown(saved["rows"], saved["summary"]))
        return
    sandbox = Sandbox()
    settings = VerifySettings(fuzz=False, run_tests=False)
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.load)]
    try:
        rows = run_all(sandbox, settings, args)
    finally:
        for hog in hogs:
            hog.kill()
    summary = summarize(rows)
    summary["busy_processes"] = args.load
    print(json.dumps(summary))
    write_results(args.out, {"rows": rows, "summary": summary})
    print(markdown(rows, summary))


def run_all(sandbox: Sandbox, settings: VerifySettings, args: argparse.Namespace) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes:
            n = SIZES[label]
            for factor in FACTORS:
                root = Path(tmp) / f"{label}-{factor}"
                statements = statements_for(n, factor)
                workspace(root, n, statements)
                repeats = args.repeats if factor == 1.0 else args.detect_repeats
                row = {
                    "size": label,
                    "true_speedup": factor,
                    "statements": [statements, BASE],
                    "reference_speedup": round(paired_ratio(n, statements, BASE), 3),
                    **measure(sandbox, root, repeats, settings),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
    return rows


if __name__ == "__main__":
    main()
