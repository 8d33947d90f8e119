"""The rules corpora stay usable: every case has its four files, names a pattern, defines its
target in both the slow and the fast module, and each pattern comes in several shapes."""

from __future__ import annotations

import ast
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from afterburner.sandbox.target import find_function

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
PATTERNS = {"membership", "dedup", "pair_search", "index_count", "queue", "string_build",
            "loop_builtin", "counting", "dict_default", "sort_in_loop", "topk", "hoist", "memo"}
CASES = sorted(p.parent for p in BENCH.glob("rules_*/*/case.toml"))


def test_there_are_enough_cases_of_every_pattern():
    dev = Counter(tomllib.loads((c / "case.toml").read_text())["pattern"]
                  for c in CASES if c.parent.name == "rules_corpus")  # fmt: skip
    held = Counter(tomllib.loads((c / "case.toml").read_text())["pattern"]
                   for c in CASES if c.parent.name == "rules_heldout")  # fmt: skip
    assert sum(dev.values()) >= 80 and set(dev) == PATTERNS
    assert min(dev.values()) >= 3, dev
    assert set(held) == PATTERNS and min(held.values()) >= 2, held


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.parent.name}/{c.name}")
def test_a_case_has_its_files_and_its_target_in_both_modules(case):
    assert sorted(p.name for p in case.iterdir() if p.name != "__pycache__") == [
        "case.toml", "fast.py", "mod.py", "test_mod.py"]
    meta = tomllib.loads((case / "case.toml").read_text())
    assert meta["pattern"] in PATTERNS and meta["shape"]
    for module in ("mod.py", "fast.py"):
        tree = ast.parse((case / module).read_text(encoding="utf-8"))
        assert find_function(tree, meta["target"]) is not None, (module, meta["target"])
    assert "from mod import" in (case / "test_mod.py").read_text(encoding="utf-8")
