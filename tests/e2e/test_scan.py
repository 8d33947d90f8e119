"""`afterburner scan` as a user runs it: a workspace with planted slow functions among many
trivial ones, ranked from its tests or a script; optimize the top, check, write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from afterburner.sandbox.child.sampler import workspace_key
from afterburner.sandbox.errors import UserError
from afterburner.sandbox.scan import Workload
from tests.conftest import write_workspace

CLI = [sys.executable, "-m", "afterburner.server.cli"]

SLOW = '''\
def dedupe(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out


def pair_sums(values, target):
    found = 0
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if values[i] + values[j] == target:
                found += 1
    return found
'''
TRIVIAL = "\n\n".join(f"def helper_{i}(x):\n    return x + {i}" for i in range(40)) + "\n"
TESTS = '''\
from shop.slow import dedupe, pair_sums
from shop import small


def test_dedupe():
    assert len(dedupe(list(range(2500)) * 2)) == 2500


def test_pair_sums():
    assert pair_sums(list(range(700)), 699) == 350


def test_helpers():
    for i in range(40):
        assert getattr(small, f"helper_{i}")(1) == 1 + i
'''


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    return write_workspace(tmp_path_factory.mktemp("shop"), {
        "shop/__init__.py": "",
        "shop/slow.py": SLOW,
        "shop/small.py": TRIVIAL,
        "tests/test_shop.py": TESTS,
        "bench.py": "from shop.slow import pair_sums\n\nprint(pair_sums(list(range(900)), 5))\n",
    })  # fmt: skip


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
        env={**os.environ, "COLUMNS": "120"},
    )  # fmt: skip


def test_scan_ranks_the_planted_slow_functions_first_and_the_shares_add_up(shop):
    done = run("scan", "--json", "--fresh", cwd=shop)
    assert done.returncode == 0, done.stderr
    r = json.loads(done.stdout)
    assert r["tests"]["passed"] == 3 and r["tests"]["failed"] == 0
    top = [f["spec"] for f in r["functions"][:2]]
    assert set(top) == {"shop/slow.py::dedupe", "shop/slow.py::pair_sums"}, top
    assert all(f["spec"].startswith("shop/") for f in r["functions"])  # no tests ranked
    self_total = sum(f["self_s"] for f in r["functions"])
    assert r["ranked"] == len(r["functions"])  # all listed under the default --top 20
    assert self_total + r["outside_s"] == pytest.approx(r["sampled_s"], rel=0.01)
    assert sum(f["self_share"] for f in r["functions"]) <= 1.0001
    planted = sum(f["self_s"] for f in r["functions"][:2])
    assert planted > 0.8 * self_total  # the trivial helpers are a sliver
    again = json.loads(run("scan", "--json", cwd=shop).stdout)
    assert again["cached"] is True and again["functions"] == r["functions"]
    text = run("scan", cwd=shop)
    assert "dedupe" in text.stdout and "share" in text.stdout


def test_a_script_workload_is_ranked_and_an_edit_means_a_new_scan(shop):
    r = json.loads(run("scan", "--json", "--", "python", "bench.py", cwd=shop).stdout)
    assert r["workload"] == "python bench.py" and r["cached"] is False
    assert r["functions"][0]["spec"] == "shop/slow.py::pair_sums"
    (shop / "shop" / "extra.py").write_text("X = 1\n")
    again = json.loads(run("scan", "--json", "--", "python", "bench.py", cwd=shop).stdout)
    assert again["cached"] is False


def test_tests_that_cannot_start_are_one_clear_error(tmp_path):
    ws = write_workspace(tmp_path, {
        "pkg.py": "def f():\n    return 1\n",
        "test_pkg.py": "import no_such_module\n\ndef test_f():\n    pass\n",
    })  # fmt: skip
    done = run("scan", cwd=ws)
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("afterburner: `pytest` did not run"), done.stderr
    assert "no_such_module" in done.stderr and "Traceback" not in done.stderr
    bad = run("scan", "--tests=--definitely-not-an-option", cwd=ws)
    assert bad.returncode == 2 and "did not run" in bad.stderr, bad.stderr


def test_a_command_that_is_not_python_is_refused_with_what_to_give():
    with pytest.raises(UserError, match="python SCRIPT.py"):
        Workload.parse(None, ["make", "bench"])
    assert Workload.parse(None, ["python", "-m", "pytest", "-x"]) == Workload("pytest", ("-x",))
    module = Workload.parse(None, ["python3", "-m", "bench", "1"])
    assert module == Workload("module", ("bench", "1"))
    assert Workload.parse(None, ["bench.py"]) == Workload("script", ("bench.py",))
    assert Workload.parse('-k "a b"', []) == Workload("pytest", ("-k", "a b"))


def test_what_counts_as_the_workspace_own_code(tmp_path):
    root = str(tmp_path)
    own = workspace_key(f"{root}/pkg/mod.py", "Cls.method.<locals>.<listcomp>", root)
    assert own == ("pkg/mod.py", "Cls.method")
    assert workspace_key(f"{root}/pkg/mod.py", "<module>", root) == ("pkg/mod.py", "<module>")
    for outside in ("tests/test_mod.py", "pkg/test_mod.py", "conftest.py", "pkg/mod_test.py",
                    ".venv/lib/python3.11/site-packages/x.py", "venv/lib/site-packages/y.py"):
        assert workspace_key(f"{root}/{outside}", "f", root) is None, outside  # fmt: skip
    assert workspace_key("/usr/lib/python3.11/json/decoder.py", "f", root) is None
    assert workspace_key(f"{root}2/pkg/mod.py", "f", root) is None  # a sibling folder
    assert workspace_key(f"{root}/rl/env/grid.py", "step", root) == ("rl/env/grid.py", "step")


def test_optimize_the_top_checks_the_workload_and_writes_the_rewrites(tmp_path):
    ws = write_workspace(tmp_path, {
        "shop/__init__.py": "",
        "shop/slow.py": SLOW,
        "shop/small.py": TRIVIAL,
        "tests/test_shop.py": TESTS,
    })  # fmt: skip
    before = (ws / "shop" / "slow.py").read_text()
    done = run("scan", "--json", "--optimize", "1", "--write", "--repeats", "1", cwd=ws)
    assert done.returncode == 0, done.stderr
    r = json.loads(done.stdout)
    assert [o["spec"] for o in r["optimized"]] == ["shop/slow.py::dedupe"]
    best = r["optimized"][0]
    assert best["status"] == "faster", best
    assert best["speedup"] > 1.05 and 0 < best["saved_share"] < 1
    assert r["check"]["after_tests"]["failed"] == 0 and r["check"]["broke"] == []
    assert r["written"] == ["shop/slow.py"]
    after = (ws / "shop" / "slow.py").read_text()
    assert after != before and "def pair_sums" in after and "def dedupe" in after
    compile(after, "slow.py", "exec")
    kept = (ws / ".afterburner" / "cache.msgpack").exists()
    assert kept  # the editor shows the rewrite and its measurement from the store


def test_hypothesis_tests_pass_under_the_scan_as_they_do_plainly(tmp_path):
    """The scan runs the tests from the workspace's root, read-only in the jail; Hypothesis,
    which keeps its database there, warns, and `filterwarnings = error` fails the test."""
    ws = write_workspace(tmp_path, {
        "pytest.ini": "[pytest]\nfilterwarnings =\n    error\n",
        "calc.py": "def double(x):\n    return x + x\n",
        "test_calc.py": "from hypothesis import given, strategies as st\n"
                        "from calc import double\n\n@given(st.integers())\n"
                        "def test_double(x):\n    assert double(x) == 2 * x\n",
    })  # fmt: skip
    r = json.loads(run("scan", "--json", cwd=ws).stdout)
    assert r["tests"]["failed_ids"] == [] and r["tests"]["passed"] == 1, r
