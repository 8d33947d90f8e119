"""Evaluate a backend the paper's way on a data set (venus.py, data.py): for each problem,
up to N iterations, and after every iteration a score for the solution that stands:

- the protocol (`Protocol`): by default the paper's (protocol.py: iteration 0 the model's own
  solution, then one completion per iteration shown the best so far, the problem's tests
  deciding, fixes counting), or "loop", the editor's verified loop from the starting
  solution (loop.py);
- pass@1: the solution passes the problem's tests;
- Time% / Memory% / Integral%: the percentage of the problem's passing reference solutions
  it beats, a tie counting as beaten as in the paper (`beaten_share`), with a mid-rank
  variant beside it. A failing solution scores 0.

Solutions and reference solutions are measured the same way, in this run, on the same
inputs (`train.workspace.measure`: the sandbox's profiler, the time of one call on each
input the problem's tests pass), so the figures compare; `remeasure=False` uses the data
set's stored figures for the references instead. Averages are over all problems, with a
bootstrap 95% interval over problems.

    report = evaluate(backend, rows, iterations, sandbox)
    write_report(report, out_dir)   # eval.json + eval.png; format_table(report) for a terminal
"""

from __future__ import annotations

import json
import random
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from afterburner.sandbox.errors import UserError
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.verify import VerifySettings

from .loop import Candidate, LoopSettings, _better, optimize
from .protocol import run_paper_protocol
from .train.workspace import (
    measure,
    module_text,
    passes_tests,
    target_in,
    why_not_passing,
    write_workspace,
)

METRICS = ("time", "memory", "integral")
COLUMNS = ("pass@1", "time%", "memory%", "integral%")
MIDRANK = tuple(f"{m}%_midrank" for m in METRICS)  # in eval.json, beside the paper's rule


def beaten_share(
    value: float | None, references: list[float | None], ties: str = "paper"
) -> float:
    """Percentage of the references that value beats (smaller is better); 0 without a value.
    The paper's rule (`utils.py`: 1 - bisect_left(refs, x) / n) counts a tie as beaten;
    "midrank" counts it as half beaten, which a tie with itself (a reference solution
    measured against its own figure) makes the fairer reading."""
    refs = [r for r in references if r is not None]
    if value is None or not refs:
        return 0.0
    worse = sum(1 for r in refs if r > value)
    tied = sum(1 for r in refs if r == value)
    share = worse + (tied if ties == "paper" else 0.5 * tied)
    return 100.0 * share / len(refs)


def best_per_iteration(rounds: list[list[Candidate]], iterations: int) -> list[Candidate | None]:
    """The best verified-faster candidate after each round 1..iterations (None: the
    starting solution still stands); rounds the loop did not run repeat the last best."""
    out: list[Candidate | None] = []
    best = None
    for i in range(iterations):
        for cand in rounds[i] if i < len(rounds) else []:
            if cand.status == "faster" and _better(cand, best):
                best = cand
        out.append(best)
    return out


@dataclass(frozen=True)
class Protocol:
    """How `eval` runs each problem. "paper" (the default): protocol.py, the paper's
    Algorithm 1, tests deciding; "loop": the editor's verified loop from the starting
    solution (loop.py), equivalence and timing verdicts deciding."""

    name: str = "paper"
    feedback: str = "best"  # paper: show the best so far, or the "latest" attempt
    from_solution: bool = False  # paper: iteration 0 is the starting solution, not generated


def evaluate_problem(
    backend,
    row: dict,
    iterations: int,
    sandbox,
    k: int = 4,
    budget_s: float = 0.3,
    remeasure: bool = True,
    verify_settings: VerifySettings | None = None,
    cancel: threading.Event | None = None,
    sampling: LoopSettings | None = None,
    protocol: Protocol = Protocol(),
) -> dict:
    name, tests = row["function_name"], row["tests"]
    start = module_text(row, row["starting_solution"])
    root = write_workspace(start, tests)
    record: dict = {"problem_id": row.get("problem_id"), "title": row.get("title")}
    try:
        target = target_in(root, name)
        inputs = None
        try:
            inputs = collect_inputs(sandbox, target, generate=0)
        except UserError as exc:
            record["error"] = str(exc)
        start_passes = (
            inputs is not None and not inputs.failing_tests and bool(inputs.passing_tests)
        )
        if inputs is not None and not start_passes:
            record["error"] = "the starting solution: " + why_not_passing(inputs)
        refs = [s for s in row.get("solutions") or [] if s.get("passed", True)]
        if start_passes and remeasure:
            ref_figures = [
                measure(sandbox, module_text(row, s["code"]), tests, name, budget_s, inputs=inputs)
                for s in refs
            ]
        else:
            ref_figures = [{m: s.get(m) for m in METRICS} for s in refs]
        ref_figures = [f for f in ref_figures if f.get("time") is not None]
        shared = inputs if start_passes else None  # every passing attempt timed on these
        if protocol.name == "paper":
            trajectory = _paper(backend, row, iterations, sandbox, budget_s, shared,
                                sampling or LoopSettings(), protocol, record)  # fmt: skip
        else:
            trajectory = _loop(backend, row, iterations, target, budget_s, shared, k,
                               verify_settings, sampling, cancel, record, sandbox)  # fmt: skip
        per_iteration = []
        for i, (passed, f, speedup) in enumerate(trajectory):
            entry = {"iteration": i, "pass@1": 100.0 if passed else 0.0}
            for m in METRICS:
                refs = [r.get(m) for r in ref_figures]
                entry[f"{m}%"] = beaten_share(f.get(m), refs) if passed else 0.0
                entry[f"{m}%_midrank"] = beaten_share(f.get(m), refs, "midrank") if passed else 0.0
                entry[m] = f.get(m)
            entry["speedup"] = speedup
            per_iteration.append(entry)
        record["references"] = len(ref_figures)
        record["per_iteration"] = per_iteration
        return record
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _judge(sandbox, tests: str, name: str, budget_s: float, inputs) -> Callable[[str], dict]:
    """Whether a module passes the problem's tests, and its figures on the shared inputs."""

    def judge(module: str) -> dict:
        ok, why = passes_tests(sandbox, module, tests, name)
        if not ok:
            return {"passed": False, "reason": why}
        return measure(sandbox, module, tests, name, budget_s, inputs=inputs)

    return judge


def _paper(backend, row, iterations, sandbox, budget_s, inputs, sampling, protocol, record):
    judge = _judge(sandbox, row["tests"], row["function_name"], budget_s, inputs)
    reported, made = run_paper_protocol(backend, row, iterations, judge, sampling,
                                        protocol.feedback, protocol.from_solution)  # fmt: skip
    # Every attempt's fate, so a run whose replies all fail says why.
    record["candidates"] = [
        {"iteration": a.iteration, "status": "passed" if a.passed else "failed",
         "reason": a.reason, "time": a.figures.get("time")}
        for a in made
    ]  # fmt: skip
    record["best_code"] = reported[-1].module
    first = reported[0].figures.get("time")
    return [
        (a.passed, a.figures, first / a.figures["time"] if a.passed and first and
         a.figures.get("time") and reported[0].passed else None)
        for a in reported
    ]  # fmt: skip


def _placed(start: str, name: str, rewrite: str, record: dict) -> str:
    """The module with a verified rewrite spliced in; where it cannot be placed, the start
    stands for it, and the record says so."""
    try:
        return apply_rewrite(start, name, rewrite)
    except UserError as exc:
        record.setdefault("notes", []).append(f"a verified rewrite scored as the start: {exc}")
        return start


def _loop(backend, row, iterations, target, budget_s, inputs, k, verify_settings, sampling,
          cancel, record, sandbox):  # fmt: skip
    name, tests = row["function_name"], row["tests"]
    start = module_text(row, row["starting_solution"])
    bests: list[Candidate | None] = [None] * iterations
    if inputs is not None:
        settings = replace(
            sampling or LoopSettings(),
            rounds=iterations,
            k=k,
            patience=iterations,
            verify=replace(
                verify_settings or VerifySettings(),
                equivalence=row.get("equivalence", "values"),
            ),
        )
        result = optimize(sandbox, target, backend, settings, inputs=inputs, cancel=cancel)
        bests = best_per_iteration(result.rounds, iterations)
        record["stopped"] = result.stopped
        record["candidates"] = [
            {"iteration": c.round, "index": c.index, "status": c.status,
             "reason": c.reason, "speedup": c.speedup}
            for rnd in result.rounds for c in rnd
        ]  # fmt: skip
    codes = [start] + [_placed(start, name, b.code, record) if b else start for b in bests]
    figures: dict[str, dict] = {}
    for code in dict.fromkeys(codes):
        if inputs is not None:
            figures[code] = measure(sandbox, code, tests, name, budget_s, inputs=inputs)
        else:
            figures[code] = {"passed": False}
    record["best_code"] = codes[-1]
    speedups = [None] + [b.speedup if b is not None else None for b in bests]
    return [
        (bool(figures[c].get("passed")), figures[c], x)
        for c, x in zip(codes, speedups, strict=True)
    ]


def evaluate(
    backend,
    rows: list[dict],
    iterations: int,
    sandbox,
    k: int = 4,
    budget_s: float = 0.3,
    remeasure: bool = True,
    workers: int = 1,
    verify_settings: VerifySettings | None = None,
    progress: Callable[[str], None] | None = None,
    sampling: LoopSettings | None = None,
    protocol: Protocol = Protocol(),
) -> dict:
    """Run the loop on every row for `iterations` rounds and score each iteration; see the
    module docstring. `workers` problems run at once (more is faster, timings noisier)."""
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    note = progress or (lambda message: None)

    def one(row: dict) -> dict:
        note(f"{row.get('problem_id')}: running {iterations} iterations")
        rec = evaluate_problem(
            backend, row, iterations, sandbox, k, budget_s, remeasure, verify_settings,
            sampling=sampling, protocol=protocol,
        )  # fmt: skip
        note(f"{row.get('problem_id')}: done")
        return rec

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        problems = list(pool.map(one, rows))
    summary = []
    for i in range(iterations + 1):
        entry = {"iteration": i}
        for col in (*COLUMNS, *MIDRANK):
            values = [p["per_iteration"][i][col] for p in problems]
            entry[col] = round(sum(values) / len(values), 2) if values else 0.0
            entry[f"{col}_ci95"] = bootstrap_interval(values)
        summary.append(entry)
    return {
        "backend": getattr(backend, "name", str(backend)),
        "model": model_name(backend),
        "protocol": protocol.name,
        "feedback": protocol.feedback if protocol.name == "paper" else None,
        "iterations": iterations,
        "problems": len(problems),
        "per_iteration": summary,
        "per_problem": problems,
    }


def bootstrap_interval(values: list[float], draws: int = 2000, seed: int = 0) -> list[float]:
    """A 95% percentile-bootstrap interval of the mean over problems: how far the figure
    could move with another draw of problems of the same kind."""
    if not values:
        return [0.0, 0.0]
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(draws))
    return [round(means[int(0.025 * draws)], 2), round(means[int(0.975 * draws) - 1], 2)]


def model_name(backend) -> str | None:
    """The checkpoint or served model the backend answers with (None for the rules)."""
    for attr in ("path", "model"):
        value = getattr(backend, attr, None)
        if isinstance(value, str) and value:
            return value
    return None


def format_table(report: dict) -> str:
    header = f"{'iter':>4}  " + "  ".join(f"{c:>10}" for c in COLUMNS)
    model = f" ({report['model']})" if report.get("model") else ""
    lines = [
        f"backend {report['backend']}{model}, {report['problems']} problems",
        header,
        "-" * len(header),
    ]
    for e in report["per_iteration"]:
        lines.append(f"{e['iteration']:>4}  " + "  ".join(f"{e[c]:>10.1f}" for c in COLUMNS))
    return "\n".join(lines)


def plot(report: dict, path: str | Path) -> Path:
    """Each metric against the iteration, as a PNG (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [e["iteration"] for e in report["per_iteration"]]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for col in COLUMNS:
        ax.plot(xs, [e[col] for e in report["per_iteration"]], marker="o", label=col)
    ax.set_xlabel("iteration")
    ax.set_ylabel("percent")
    ax.set_ylim(-2, 102)
    ax.set_xticks(xs)
    ax.set_title(f"Afterburner eval: {report['backend']}, {report['problems']} problems")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out


def write_report(report: dict, out_dir: str | Path) -> dict[str, Path]:
    """eval.json and eval.png in out_dir; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / "eval.json"
    json_path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return {"json": json_path, "png": plot(report, out / "eval.png")}
