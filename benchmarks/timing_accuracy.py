"""Timing verdict accuracy: false positives on identical code (A/A), and detection of a true
1.10x and 1.5x difference (dialled in by busywork and checked by a long in-process reference
measurement, reported as reference_speedup), for functions from ~1 µs to ~10 ms per call,
within the default budget. Also the wall time per verdict.

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
import timeit
from pathlib import Path

from _common import write_results

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
    {waste}
    return total
"""
CANDIDATE = BODY.format(waste="pass")


def original(waste: tuple[int, int]) -> str:
    """The candidate plus busywork: `big` elements of C-speed summing and `small` trivial
    statements (fine-grained, so a target ratio can be dialled in even for 1 µs functions);
    identical code when both are 0."""
    big, small = waste
    if not big and not small:
        return CANDIDATE
    parts = ([f"sum(range({big}))"] if big else []) + ["_w = 0"] * small
    return BODY.format(waste="; ".join(parts))


def reference_ratio(n: int, waste: tuple[int, int], seconds: float = 0.4) -> float:
    """The true speedup, measured here in-process with long interleaved runs (min of many)."""
    fa, fb = {}, {}
    exec(original(waste), fa)
    exec(CANDIDATE, fb)
    a, b = fa["work"], fb["work"]
    loops = max(1, int(2e-3 / max(1e-9, timeit.timeit(lambda: a(n), number=1))))
    best_a = best_b = float("inf")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        best_a = min(best_a, timeit.timeit(lambda: a(n), number=loops))
        best_b = min(best_b, timeit.timeit(lambda: b(n), number=loops))
    return best_a / best_b


def _bisect(n: int, make, target: float) -> tuple[int, int]:
    def ratio(k: int) -> float:
        return reference_ratio(n, make(k), 0.2)

    lo, hi = 0, 1
    while ratio(hi) < target:
        hi *= 2
    while hi - lo > max(1, hi // 50):
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if ratio(mid) < target else (lo, mid)
    return make(hi)


def calibrate_waste(n: int, target: float) -> tuple[tuple[int, int], float]:
    """Busywork whose reference ratio is closest to target: summing when even one summed
    element stays under the target, trivial statements otherwise."""
    if target == 1.0:
        return (0, 0), 1.0
    if reference_ratio(n, (1, 0), 0.2) < target:
        waste = _bisect(n, lambda k: (k, 0), target)
    else:
        waste = _bisect(n, lambda k: (0, k), target)
    return waste, reference_ratio(n, waste)


def workspace(root: Path, n: int, waste: tuple[int, int]) -> None:
    (root / "mod.py").write_text(original(waste))
    (root / "afterburner_inputs.py").write_text(f"def inputs_work():\n    yield ({n},)\n")


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
                waste, reference = calibrate_waste(n, factor)
                workspace(root, n, waste)
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
                    "reference_speedup": round(reference, 3),
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
    write_results(args.out, {"rows": rows, "summary": summary})


if __name__ == "__main__":
    main()
