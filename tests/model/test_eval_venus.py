"""`afterburner eval` on rows of the real Venus schema: the project's own sample
(benchmarks/venus_sample/venus_python.jsonl), read from JSONL and from Parquet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterburner.model.train.data import load_dataset_rows, usable_rows
from afterburner.server.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "benchmarks" / "venus_sample" / "venus_python.jsonl"


def _rows(*ids: int) -> list[dict]:
    rows = {r["problem_id"]: r for r in load_dataset_rows(SAMPLE)}
    return [rows[i] for i in ids]


def test_the_sample_is_whole():
    rows = load_dataset_rows(SAMPLE)
    problems, skipped = usable_rows(rows)
    assert len(rows) >= 20 and len(problems) == len(rows) and skipped == []
    for row in rows:
        passing = [s for s in row["solutions"] if s["passed"]]
        assert len(passing) >= 3 and all(s["time"] > 0 for s in passing), row["problem_id"]
        assert any("ListNode" in r["test_case_runners"] for r in rows)


def test_parquet_reads_as_jsonl(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = _rows(206, 217)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "venus.parquet")
    from_parquet = usable_rows(load_dataset_rows(tmp_path / "venus.parquet"))
    assert from_parquet == usable_rows(rows)


@pytest.mark.slow
def test_eval_on_venus_rows_prints_the_table_and_writes_the_plot(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    bad = {**_rows(217)[0], "problem_id": 4242, "test_case_runners": "print(1)"}
    data = tmp_path / "venus.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in [*_rows(206), bad]))
    plot = tmp_path / "out.png"
    code = main(["eval", "--backend", "rules", "--dataset", str(data), "--iterations", "2",
                 "--json", "--plot", str(plot), "--out", str(tmp_path / "eval")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    report = json.loads(captured.out)
    assert report["problems"] == 1
    why = "the test case runner has no ==Code Submission== placeholder"
    assert report["skipped"] == [f"4242: {why}"]
    assert "skipped 4242" in captured.err
    its = report["per_iteration"]
    # The starting solution (the slowest that passes) passes, and stays passing.
    assert [e["pass@1"] for e in its] == [100.0, 100.0, 100.0], report["per_problem"]
    # The slowest reference beats at most itself (measured again, it may tie or not); the
    # mid-rank reading never counts more than the paper's.
    assert its[0]["time%"] <= 50.0 and its[0]["time%_midrank"] <= its[0]["time%"]
    assert "pass@1" in report["table"]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
