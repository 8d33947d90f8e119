"""The `rules` backend over a corpus of slow functions: per pattern, the share it speeds up by
at least 1.2x (verified) and the wrong rewrites it offers (an offered rewrite is wrong when the
case's own tests fail once it is applied; must be 0).

    .venv/bin/python benchmarks/rules_corpus.py                 # development corpus
    .venv/bin/python benchmarks/rules_corpus.py --cases benchmarks/rules_heldout \
        --out benchmarks/results/rules_heldout.json             # held out: never tuned on
    .venv/bin/python benchmarks/rules_corpus.py --cases tests/fixtures/cases \
        --out benchmarks/results/rules.json                     # the public cases
    .venv/bin/python benchmarks/rules_corpus.py --propose-only  # which rules fire, on the
                                                                # types the inputs show

A case is a folder with `case.toml` (`target`, `pattern`), `mod.py` and `test_mod.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import case_workspace, write_results

from afterburner.model.backends import BackendConfig, make_backend
from afterburner.model.loop import LoopSettings, optimize
from afterburner.model.rules import propose
from afterburner.sandbox.child import hints
from afterburner.sandbox.profile import profile
from afterburner.sandbox.splice import apply_rewrite
from afterburner.sandbox.target import load_function, parse_target
from afterburner.sandbox.worker import Sandbox

ROOT = Path(__file__).resolve().parent
CACHE = Path.home() / ".cache" / "afterburner-corpus"
THRESHOLD = 1.2  # a case counts as sped up from this verified speedup on


@dataclass
class Row:
    case: str
    pattern: str
    proposed: list[str]  # rule ids that fire on the original
    attempts: int = 0
    rejected: int = 0
    speedup: float | None = None
    ci95: list[float] | None = None
    rule: str | None = None
    offered_wrong: bool = False
    stopped: str = ""
    wall_s: float = 0.0

    @property
    def sped_up(self) -> bool:
        # `best` is only ever a rewrite the verifier called faster (interval above 1)
        return self.speedup is not None and self.speedup >= THRESHOLD


def corpus(root: Path, only: str | None) -> list[tuple[Path, dict]]:
    out = []
    for toml in sorted(root.glob("*/case.toml")):
        meta = tomllib.loads(toml.read_text())
        meta.setdefault("pattern", "public")
        if only is None or meta["pattern"] == only or toml.parent.name == only:
            out.append((toml.parent, meta))
    return out


def observed_types(sandbox: Sandbox, case: Path, meta: dict, tmp: Path) -> dict[str, str]:
    """The argument types the case's inputs show, as the loop hands them to the rules (one
    profile run per case, kept in a cache keyed by the case's files)."""
    # keyed by the case's files and by the code that reads the types
    key = hashlib.sha256(b"".join((case / n).read_bytes() for n in ("mod.py", "test_mod.py")))
    key.update(Path(hints.__file__).read_bytes())
    cache = CACHE / f"{case.name}-{key.hexdigest()[:16]}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    ws = case_workspace(case, tmp / "observed")
    seen = profile(sandbox, parse_target(f"mod.py::{meta['target']}", ws)).observed_types
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(seen))
    return seen


def _tests_pass(ws: Path) -> bool:
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(pytest, cwd=ws, capture_output=True, timeout=600).returncode == 0


def run_case(sandbox: Sandbox, backend, case: Path, meta: dict, tmp: Path, rounds: int) -> Row:
    ws = case_workspace(case, tmp)
    target = parse_target(f"mod.py::{meta['target']}", ws)
    # what the loop's first round proposes: on the types the case's inputs show
    seen = observed_types(sandbox, case, meta, tmp)
    row = Row(case.name, meta["pattern"],
              [r.rule for r in propose(load_function(target).source, seen)])
    if not row.proposed:
        row.stopped = "no rule applies"
        return row
    started = time.monotonic()
    result = optimize(sandbox, target, backend, LoopSettings(rounds=rounds, k=4))
    row.wall_s = round(time.monotonic() - started, 1)
    attempts = [c for rnd in result.rounds for c in rnd]
    row.attempts = len(attempts)
    row.rejected = sum(c.status == "rejected" for c in attempts)
    row.stopped = result.stopped
    if result.best is not None:
        target.file.write_text(
            apply_rewrite(target.file.read_text(), target.qualname, result.best.code)
        )
        row.speedup, row.ci95 = result.best.speedup, result.best.ci95
        row.rule = (result.best.note or "").split(":")[0].removeprefix("rule ")
        row.offered_wrong = not _tests_pass(ws)
    return row


def summarize(rows: list[Row]) -> dict:
    by_pattern: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_pattern[row.pattern].append(row)
    patterns = {
        name: {
            "cases": len(group),
            "proposed": sum(bool(r.proposed) for r in group),
            "sped_up": sum(r.sped_up for r in group),
            "wrong_offered": sum(r.offered_wrong for r in group),
        }
        for name, group in sorted(by_pattern.items())
    }
    sped = sum(r.sped_up for r in rows)
    return {
        "cases": len(rows),
        "proposed": sum(bool(r.proposed) for r in rows),
        "sped_up": sped,
        "share": round(sped / len(rows), 3) if rows else 0.0,
        "wrong_offered": sum(r.offered_wrong for r in rows),
        "rejected_by_verifier": sum(r.rejected for r in rows),
        "patterns": patterns,
    }


def _print_row(row: Row, full: bool) -> None:
    fired = ",".join(row.proposed) or "-"
    if not full:
        print(f"{row.case:44} {fired}", flush=True)
        return
    best = f"{row.speedup:.2f}x" if row.speedup else "-"
    ci = f"{row.ci95[0]:.2f}-{row.ci95[1]:.2f}" if row.ci95 else "-"
    wrong = " WRONG" if row.offered_wrong else ""
    print(f"{row.case:44} {best:>8} {ci:>12} {row.rule or '-':24} {row.wall_s:6.0f}s"
          f"{wrong}  [{fired}]", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", default=str(ROOT / "rules_corpus"))
    parser.add_argument("--only", help="one pattern, or one case folder's name")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--propose-only", action="store_true",
                        help="the rules that fire on each case; no sandbox")  # fmt: skip
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    cases = corpus(Path(args.cases), args.only)
    if not cases:
        sys.exit(f"no case (a folder with case.toml) under {args.cases}")
    rows: list[Row] = []
    sandbox, backend = Sandbox(), make_backend(BackendConfig("rules"))
    with tempfile.TemporaryDirectory() as tmp:
        for case, meta in cases:
            if args.propose_only:
                target = parse_target(f"{case / 'mod.py'}::{meta['target']}")
                source = load_function(target).source
                seen = observed_types(sandbox, case, meta, Path(tmp))
                row = Row(case.name, meta["pattern"], [r.rule for r in propose(source, seen)])
            else:
                row = run_case(sandbox, backend, case, meta, Path(tmp), args.rounds)
            rows.append(row)
            _print_row(row, full=not args.propose_only)
    summary = summarize(rows)
    for name, figures in summary["patterns"].items():
        print(f"  {name:16} {figures['sped_up']:3}/{figures['cases']:<3} sped up, "
              f"{figures['proposed']:3} proposed, {figures['wrong_offered']} wrong")  # fmt: skip
    print(f"total: {summary['sped_up']}/{summary['cases']} sped up ({summary['share']:.0%}), "
          f"{summary['wrong_offered']} wrong offered")  # fmt: skip
    out = args.out or (None if args.propose_only else "benchmarks/results/rules_corpus.json")
    if out:
        write_results(out, {"rows": [asdict(r) for r in rows], "summary": summary})


if __name__ == "__main__":
    main()
