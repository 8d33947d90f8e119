"""The evaluation on the sample with the rules backend: two iterations, a report with
pass@1 and the Time/Memory/Integral percentages per iteration, a table and a PNG."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterburner.model.backends import BackendConfig, make_backend
from afterburner.model.evaluate import beaten_share, evaluate, format_table, write_report
from afterburner.model.train.data import load_dataset_rows

SAMPLE = Path(__file__).resolve().parents[2] / "benchmarks" / "venus_sample" / "venus_sample.jsonl"


def test_beaten_share():
    assert beaten_share(1.0, [0.5, 2.0, 3.0, None]) == pytest.approx(200 / 3)
    assert beaten_share(None, [1.0]) == 0.0
    assert beaten_share(1.0, []) == 0.0


def test_a_tie_is_beaten_by_the_papers_rule_and_half_by_midrank():
    # The example: references [5, 10, 10, 20], candidate 10.
    refs = [5.0, 10.0, 10.0, 20.0]
    assert beaten_share(10.0, refs) == 75.0  # 1 - bisect_left(refs, 10) / 4
    assert beaten_share(10.0, refs, "midrank") == 50.0
    assert beaten_share(10.0, [10.0]) == 100.0 and beaten_share(10.0, [10.0], "midrank") == 50.0
    assert beaten_share(21.0, refs) == 0.0 and beaten_share(4.0, refs, "midrank") == 100.0


@pytest.mark.slow
def test_evaluate_rules_backend_on_the_sample(sandbox, tmp_path):
    pytest.importorskip("matplotlib")
    rows = [r for r in load_dataset_rows(SAMPLE) if r["function_name"] in {"dedupe", "two_sum"}]
    # A third problem whose starting solution fails its tests: it counts as not passed in
    # every iteration (the rules do not fix code), and its record says why.
    broken = dict(next(r for r in rows if r["function_name"] == "dedupe"))
    broken["problem_id"], broken["starting_solution"] = "broken", (
        "def dedupe(items):\n    return list(items)[1:]\n"
    )
    rows.append(broken)
    report = evaluate(make_backend(BackendConfig("rules")), rows, 2, sandbox, k=2, workers=2)
    assert report["iterations"] == 2 and report["problems"] == 3
    assert report["backend"] == "rules" and report["model"] is None
    its = report["per_iteration"]
    assert [e["iteration"] for e in its] == [0, 1, 2]
    by_id = {p["problem_id"]: p for p in report["per_problem"]}
    assert by_id["broken"]["error"].startswith("the starting solution: test failed"), by_id
    # Two of three pass, in every iteration: the loop keeps only equivalent rewrites.
    assert [e["pass@1"] for e in its] == [66.67, 66.67, 66.67], by_id
    for e in its:
        for col in ("time%", "memory%", "integral%"):
            assert 0.0 <= e[col] <= 100.0
    # Every candidate of the loop is on record with its status.
    for p in (p for pid, p in by_id.items() if pid != "broken"):
        assert p["candidates"] and all(c["status"] for c in p["candidates"]), p
    table = format_table(report)
    assert "pass@1" in table and "time%" in table
    paths = write_report(report, tmp_path)
    assert json.loads(paths["json"].read_text())["problems"] == 3
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bootstrap_interval_holds_the_mean_and_narrows_with_more_problems():
    from afterburner.model.evaluate import bootstrap_interval

    few = [0.0, 100.0, 100.0, 0.0, 100.0]
    many = few * 20
    lo, hi = bootstrap_interval(few)
    assert lo <= 60.0 <= hi and hi - lo > 40
    lo2, hi2 = bootstrap_interval(many)
    assert lo2 <= 60.0 <= hi2 and hi2 - lo2 < (hi - lo) / 2
    assert bootstrap_interval([100.0] * 7) == [100.0, 100.0]
    assert bootstrap_interval([]) == [0.0, 0.0]
