"""How often candidate slow patterns occur in popular pure-Python projects: our AST detectors
(benchmarks/survey_detectors.py), ruff's PERF/FURB/SIM110/C4 rules as a second opinion, and
which functions Afterburner's own rules backend proposes a rewrite for.

    .venv/bin/python benchmarks/rules_survey.py [--cache DIR] [--out FILE] [--jobs N]

The pinned sdists are downloaded (`pip download --no-binary :all: --no-deps`) and unpacked into
the cache, outside the repository (default ~/.cache/afterburner-survey), and reused from there.
Only each project's package source is surveyed: no tests, docs, examples, setup.py or vendored
code. The figures go to --out (default benchmarks/results/rules_survey.json).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import tokenize
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from survey_detectors import DETECTORS, detect

from afterburner.model.rules import propose

RULE_TIMEOUT_S = 2.0
EXAMPLES = 5  # locations kept per pattern, for spot checks
RUFF_SELECT = "PERF,FURB,SIM110,SIM111,C4"
SKIP_DIRS = {"tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks",
             "benchmark", "vendor", "vendored", "_vendor", "_vendored"}  # fmt: skip
SKIP_FILES = {"setup.py", "conftest.py"}


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    packages: tuple[str, ...]  # package folders inside the unpacked sdist
    skip: tuple[str, ...] = ()  # further folders or files to leave out (vendored, generated)

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


PROJECTS = [
    Project("more-itertools", "10.5.0", ("more_itertools",)),
    Project("toolz", "1.0.0", ("toolz",)),
    Project("python-dateutil", "2.9.0.post0", ("src/dateutil",)),
    Project("Markdown", "3.7", ("markdown",)),
    Project("tabulate", "0.9.0", ("tabulate",)),
    Project("inflection", "0.5.1", ("inflection",)),
    Project("cachetools", "5.5.0", ("src/cachetools",)),
    Project("networkx", "3.4.2", ("networkx",)),
    Project("attrs", "24.2.0", ("src/attr", "src/attrs")),
    Project("click", "8.1.7", ("src/click",)),
    Project("Jinja2", "3.1.4", ("src/jinja2",)),
    Project("pyparsing", "3.2.0", ("pyparsing",)),
    Project("sqlparse", "0.5.1", ("sqlparse",)),
    Project("docutils", "0.21.2", ("docutils",)),
    Project("Pygments", "2.18.0", ("pygments",)),
    Project("chardet", "5.2.0", ("chardet",)),
    Project("humanize", "4.11.0", ("src/humanize",)),
    Project("boltons", "24.1.0", ("boltons",)),
    Project("parso", "0.8.4", ("parso",)),
    Project("mistune", "3.0.2", ("src/mistune",)),
    Project("isort", "5.13.2", ("isort",)),
    Project("rich", "13.9.4", ("rich",)),
    Project("tomlkit", "0.13.2", ("tomlkit",)),
    Project("pycparser", "2.22", ("pycparser",), skip=("ply", "lextab.py", "yacctab.py")),
    Project("ply", "3.11", ("ply",)),
]


@dataclass
class FileResult:
    functions: int = 0
    parse_error: bool = False
    patterns: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)  # functions each rule proposes for
    proposed: int = 0  # functions any rule proposes for
    timeouts: int = 0
    errors: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)  # (pattern, location)


@dataclass
class ProjectResult:
    name: str
    version: str
    files: int = 0
    functions: int = 0
    parse_errors: int = 0
    patterns: Counter[str] = field(default_factory=Counter)
    ruff: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    proposed: int = 0
    timeouts: int = 0
    errors: int = 0

    def add(self, r: FileResult) -> None:
        self.files += 1
        self.functions += r.functions
        self.parse_errors += r.parse_error
        self.patterns.update(r.patterns)
        self.rules.update(r.rules)
        self.proposed += r.proposed
        self.timeouts += r.timeouts
        self.errors += r.errors


def fetch(project: Project, cache: Path) -> Path:
    """The unpacked sdist's top folder, downloading and unpacking only what is missing."""
    folder = cache / "sdist" / project.name
    ends = (f"-{project.version}.tar.gz", f"-{project.version}.zip")
    found = [p for p in sorted(folder.glob("*")) if p.name.endswith(ends)]
    if not found:
        folder.mkdir(parents=True, exist_ok=True)
        pip = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps"]
        subprocess.run([*pip, "--quiet", "-d", str(folder), project.requirement], check=True)
        found = [p for p in sorted(folder.glob("*")) if p.name.endswith(ends)]
    dest = cache / "src" / f"{project.name}-{project.version}"
    if not (dest / ".unpacked").exists():
        shutil.rmtree(dest, ignore_errors=True)
        shutil.unpack_archive(found[0], dest, filter="data")
        (dest / ".unpacked").touch()
    (top,) = [p for p in dest.iterdir() if p.is_dir()]
    return top


def source_files(project: Project, root: Path) -> list[Path]:
    skip = SKIP_DIRS | set(project.skip)
    out = []
    for package in project.packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root / package).parts
            if not skip & set(parts) and path.name not in SKIP_FILES:
                out.append(path)
    return out


class _Timeout(BaseException):  # not an Exception, so that no `except Exception` swallows it
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


def _init_worker() -> None:
    signal.signal(signal.SIGALRM, _on_alarm)


def _rules_for(source: str) -> set[str]:
    signal.setitimer(signal.ITIMER_REAL, RULE_TIMEOUT_S)
    try:
        return {r.rule for r in propose(source)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def imported_names(tree: ast.Module) -> frozenset[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return frozenset(out)


def survey_file(task: tuple[str, Path]) -> FileResult:
    """Detectors and the rules backend over every function (nested ones included) of a file."""
    label, path = task
    result = FileResult()
    try:
        with tokenize.open(path) as f:
            text = f.read()
        tree = ast.parse(text)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        result.parse_error = True
        return result
    modules = imported_names(tree)
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        result.functions += 1
        try:
            hits = detect(func, modules)
        except RecursionError:
            hits = []
        for pattern, line in hits:
            result.patterns[pattern] += 1
            if len(result.examples) < 50:
                result.examples.append((pattern, f"{label}:{line} {func.name}"))
        source = textwrap.dedent(ast.get_source_segment(text, func, padded=True) or "")
        try:
            ast.parse(source)  # a method whose strings defeat dedent is an error, not a miss
            rules = _rules_for(source)
        except _Timeout:
            result.timeouts += 1
            continue
        except Exception:
            result.errors += 1
            continue
        result.rules.update(rules)
        result.proposed += bool(rules)
    return result


def ruff_counts(files: list[Path], names: dict[str, str]) -> Counter[str]:
    """Violations per rule code over the files (isolated: the project's own config is ignored)."""
    ruff = Path(sys.executable).with_name("ruff")
    cmd = [str(ruff) if ruff.exists() else "ruff", "check", "--isolated", "--select", RUFF_SELECT]
    cmd += ["--statistics", "--exit-zero", "--no-cache", "--output-format", "concise"]
    cmd += ["--target-version", "py311", *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    counts: Counter[str] = Counter()
    for m in re.finditer(r"^\s*(\d+)\s+([A-Z]+\d+)\s+(?:\[.\]\s+)?(\S+)", out, re.M):
        counts[m[2]] += int(m[1])
        names[m[2]] = m[3]
    return counts


def _spread(per_project: list[Counter[str]]) -> dict[str, dict[str, int]]:
    """Per key: the total and the number of projects where it occurs, most frequent first."""
    total: Counter[str] = sum(per_project, Counter())
    return {
        k: {"total": n, "projects": sum(c[k] > 0 for c in per_project)}
        for k, n in total.most_common()
    }


def report(results: list[ProjectResult], ruff_names: dict[str, str]) -> dict:
    """Print the tables; return the figures for the JSON."""
    print(f"\n{'project':18} {'version':12} {'files':>5} {'funcs':>6} {'patterns':>8}"
          f" {'ruff':>5} {'rules':>5}")  # fmt: skip
    for r in results:
        print(f"{r.name:18} {r.version:12} {r.files:5} {r.functions:6}"
              f" {r.patterns.total():8} {r.ruff.total():5} {r.proposed:5}")  # fmt: skip
    patterns = _spread([r.patterns for r in results])
    patterns = {p: patterns.get(p, {"total": 0, "projects": 0}) for p in DETECTORS}
    ruff, rules = _spread([r.ruff for r in results]), _spread([r.rules for r in results])
    print(f"\n{'pattern':16} {'total':>6} {'projects':>8}")
    for p, s in patterns.items():
        print(f"{p:16} {s['total']:6} {s['projects']:8}")
    print(f"\n{'ruff code':10} {'total':>6} {'projects':>8}  name")
    for code, s in ruff.items():
        s["name"] = ruff_names[code]
        print(f"{code:10} {s['total']:6} {s['projects']:8}  {s['name']}")
    print(f"\n{'afterburner rule':32} {'functions':>9} {'projects':>8}")
    for rule, s in rules.items():
        print(f"{rule:32} {s['total']:9} {s['projects']:8}")
    totals = {
        "projects": len(results),
        "files": sum(r.files for r in results),
        "functions": sum(r.functions for r in results),
        "parse_errors": sum(r.parse_errors for r in results),
        "functions_any_rule": sum(r.proposed for r in results),
        "rule_timeouts": sum(r.timeouts for r in results),
        "rule_errors": sum(r.errors for r in results),
    }
    print(f"{'any rule':32} {totals['functions_any_rule']:9}"
          f" {sum(r.proposed > 0 for r in results):8}")  # fmt: skip
    print("\ntotals: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    return {"patterns": patterns, "ruff": ruff, "rules": rules, "totals": totals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", default="~/.cache/afterburner-survey")
    parser.add_argument("--out", default="benchmarks/results/rules_survey.json")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    start = time.perf_counter()
    cache = Path(args.cache).expanduser().resolve()
    tasks, files, ruff_names = [], {}, {}
    for p in PROJECTS:
        root = fetch(p, cache)
        files[p.name] = source_files(p, root)
        tasks += [(p.name, f"{root.name}/{f.relative_to(root)}", f) for f in files[p.name]]
    results = {p.name: ProjectResult(p.name, p.version) for p in PROJECTS}
    examples: dict[str, list[str]] = {pid: [] for pid in DETECTORS}
    with ProcessPoolExecutor(args.jobs, initializer=_init_worker) as pool:
        done = pool.map(survey_file, [(label, f) for _, label, f in tasks], chunksize=4)
        for (name, _, _), r in zip(tasks, done, strict=True):
            results[name].add(r)
            if results[name].files == len(files[name]):
                print(f"surveyed {name}: {len(files[name])} files", file=sys.stderr, flush=True)
            for pattern, where in r.examples:
                if len(examples[pattern]) < EXAMPLES:
                    examples[pattern].append(where)
    for p in PROJECTS:
        results[p.name].ruff = ruff_counts(files[p.name], ruff_names)
    figures = report(list(results.values()), ruff_names)
    for pattern, where in examples.items():
        figures["patterns"][pattern]["examples"] = where
    wall = time.perf_counter() - start
    print(f"wall time {wall:.0f} s")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "command": "python benchmarks/rules_survey.py " + " ".join(sys.argv[1:]),
        "cache": str(cache),
        "rule_timeout_s": RULE_TIMEOUT_S,
        "ruff_select": RUFF_SELECT,
        "wall_s": round(wall, 1),
        "projects": [vars(r) for r in results.values()],
        **figures,
    }
    out.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    main()
