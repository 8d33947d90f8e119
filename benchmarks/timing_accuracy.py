"""Timing verdict accuracy: false positives on identical code (A/A), and detection of a true
1.10x and 1.5x difference, for functions from ~1 µs to ~10 ms per call, within the default
budget. Also the wall time per verdict.

    .venv/bin/python benchmarks/timing_accuracy.py [--repeats 40] [--detect-repeats 20]

Each verdict runs the real pipeline (`verify`: workers, isolation, 3 processes of pairs),
with fuzzing and workspace tests off since the candidates are equivalent by construction.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from afterburner.sandbox.worker import Sandbox

# loop iterations giving roughly 1 µs, 10 µs, 100 µs, 1 ms and 10 ms per call here
SIZES = {"1us": 12, "10us": 180, "100us": 1800, "1ms": 18000, "10ms": 180000}
BODY = """
def work(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    waste = 0
    for i in range(int(n * {extra})):
        waste += i * i % 7
    return total
"""


def workspace(root: Path, n: int, factor: float) -> None:
    """The original wastes (factor - 1) of its useful work: the candidate, which does not,
    is truly `factor` times faster (identical code when factor is 1)."""
    (root / "mod.py").write_text(BODY.format(extra=float(round(factor - 1, 6))))
    (root / "afterburner_inputs.py").write_text(
        f"def inputs_work():\n    yield ({n},)\n    yield ({n // 2 or 1},)\n"
    )


CANDIDATE = BODY.format(extra=0.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--detect-repeats", type=int, default=20)
    parser.add_argument("--out", default="benchmarks/results/timing.json")
    args = parser.parse_args()
    sandbox = Sandbox()
    settings = VerifySettings(fuzz=False, run_tests=False)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in SIZES.items():
            for factor, repeats in (
                (1.0, args.repeats),
                (1.10, args.detect_repeats),
                (1.5, args.detect_repeats),
            ):
                root = Path(tmp) / f"{label}-{factor}"
                root.mkdir()
                workspace(root, n, factor)
                target = parse_target("mod.py::work", root)
                inputs = collect_inputs(sandbox, target)
                verdicts, walls, speedups = [], [], []
                for _ in range(repeats):
                    t0 = time.monotonic()
                    r = verify(sandbox, target, CANDIDATE, inputs=inputs, settings=settings)
                    walls.append(time.monotonic() - t0)
                    verdicts.append(r.verdict)
                    speedups.append(r.speedup)
                row = {
                    "size": label,
                    "true_speedup": factor,
                    "verdicts": len(verdicts),
                    "faster": verdicts.count("faster"),
                    "slower": verdicts.count("slower"),
                    "median_speedup": statistics.median(speedups),
                    "median_wall_s": statistics.median(walls),
                    "max_wall_s": max(walls),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
    aa = [r for r in rows if r["true_speedup"] == 1.0]
    summary = {
        "aa_verdicts": sum(r["verdicts"] for r in aa),
        "aa_false_positives": sum(r["faster"] + r["slower"] for r in aa),
        "detection_1.10": sum(r["faster"] for r in rows if r["true_speedup"] == 1.10)
        / max(1, sum(r["verdicts"] for r in rows if r["true_speedup"] == 1.10)),
        "detection_1.5": sum(r["faster"] for r in rows if r["true_speedup"] == 1.5)
        / max(1, sum(r["verdicts"] for r in rows if r["true_speedup"] == 1.5)),
        "median_wall_s": statistics.median(r["median_wall_s"] for r in rows),
    }
    print(json.dumps(summary))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": rows, "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
