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
    assert beaten_share(1.0, [1.0]) == 0.0  # ties are not beaten


@pytest.mark.slow
def test_evaluate_rules_backend_on_the_sample(sandbox, tmp_path):
    pytest.importorskip("matplotlib")
    rows = [r for r in load_dataset_rows(SAMPLE) if r["function_name"] in {"dedupe", "two_sum"}]
    report = evaluate(make_backend(BackendConfig("rules")), rows, 2, sandbox, k=2, workers=2)
    assert report["iterations"] == 2 and report["problems"] == 2
    its = report["per_iteration"]
    assert [e["iteration"] for e in its] == [0, 1, 2]
    errors = [p.get("error") for p in report["per_problem"]]
    assert its[0]["pass@1"] == 100.0, errors  # the starting solutions are correct
    for e in its:
        for col in ("pass@1", "time%", "memory%", "integral%"):
            assert 0.0 <= e[col] <= 100.0
    # the best-so-far never gets worse in pass@1
    assert its[2]["pass@1"] >= its[1]["pass@1"] >= its[0]["pass@1"] - 1e-9
    table = format_table(report)
    assert "pass@1" in table and "time%" in table
    paths = write_report(report, tmp_path)
    assert json.loads(paths["json"].read_text())["problems"] == 2
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
