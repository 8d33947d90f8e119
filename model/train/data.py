"""Rows of a Venus-like dataset, and the SFT / DPO / GRPO examples built from them.

A row (see benchmarks/venus_sample/README.md): problem_id, title, question_content,
function_name, signature, tests (a pytest file importing the function from `solution`),
starting_solution, and solutions: [{code, passed, time, memory, integral}, ...].
"""

from __future__ import annotations

import json
from pathlib import Path

from ..prompt import FunctionContext, Measured, build_prompt


def _plain(value):
    """numpy arrays and scalars (from Parquet / Arrow) -> lists and Python numbers."""
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def load_dataset_rows(path: str | Path, split: str | None = None) -> list[dict]:
    """Rows from a JSONL (or JSON list) file, a Parquet file, or a folder written by
    `datasets.Dataset.save_to_disk` / `DatasetDict.save_to_disk` (split: default "test" when
    present, else the first)."""
    p = Path(path)
    if p.is_dir():
        import datasets

        ds = datasets.load_from_disk(str(p))
        if isinstance(ds, datasets.DatasetDict):
            name = split or ("test" if "test" in ds else next(iter(ds)))
            ds = ds[name]
        return [_plain(dict(r)) for r in ds]
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such dataset file or folder")
    if p.suffix == ".parquet":
        import pyarrow.parquet as pq

        return [_plain(r) for r in pq.read_table(p).to_pylist()]
    text = p.read_text(encoding="utf-8")
    if p.suffix == ".json" and text.lstrip().startswith("["):
        return [_plain(r) for r in json.loads(text)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


OWN_REQUIRED = ("function_name", "tests", "starting_solution")


def usable_rows(rows: list) -> tuple[list[dict], list[str]]:
    """The rows as problems of Afterburner's schema (Venus rows converted, venus.py), and one
    line for each row that cannot be used: a data set is never stopped by one bad row."""
    from .venus import UnusableRow, is_venus_row, to_problem

    problems, skipped = [], []
    for n, row in enumerate(rows, start=1):
        name = row.get("problem_id", f"row {n}") if isinstance(row, dict) else f"row {n}"
        try:
            if not isinstance(row, dict):
                raise UnusableRow("not a JSON object")
            if is_venus_row(row):
                problems.append(to_problem(row))
                continue
            missing = [k for k in OWN_REQUIRED if not row.get(k)]
            if missing:
                raise UnusableRow(
                    f"neither a Venus row nor one of Afterburner's own: no {', '.join(missing)}"
                )
            problems.append(row)
        except UnusableRow as exc:
            skipped.append(f"{name}: {exc}")
    return problems, skipped


def ranked_solutions(row: dict) -> list[dict]:
    """The row's passing solutions with a measured time, fastest first."""
    sols = [s for s in row.get("solutions") or [] if s.get("passed", True) and s.get("time")]
    return sorted(sols, key=lambda s: s["time"])


def function_context(row: dict) -> FunctionContext:
    return FunctionContext(
        name=row["function_name"],
        signature=row.get("signature") or f"def {row['function_name']}(...)",
        docstring=row.get("question_content"),
        tests=[row["tests"]] if row.get("tests") else [],
    )


def improvement_prompt(row: dict, code: str, figures: dict | None = None):
    """The loop's improvement prompt (`prompt.build_prompt`) for `code` with its figures."""
    figures = figures or {}
    failed = figures.get("passed") is False
    measured = Measured(
        passed=f"no ({figures.get('reason') or 'a test fails'})" if failed else "all tests",
        median_s=figures.get("time"),
        peak_bytes=int(figures["memory"]) if figures.get("memory") is not None else None,
    )
    return build_prompt(function_context(row), code, measured, [])


def paper_answer(code: str, thinking: str | None = None) -> str:
    """`<thinking>...</thinking><solution>```python ...```</solution>`, the paper's format."""
    thinking = thinking or (
        "Keep the behaviour and the signature; replace the costly steps of the current "
        "solution with a lower-complexity approach."
    )
    fenced = f"```python\n{code.rstrip()}\n```"
    return f"<thinking>{thinking}</thinking>\n<solution>\n{fenced}\n</solution>"


def _pair(row: dict) -> tuple[dict, dict] | None:
    ranked = ranked_solutions(row)
    if len(ranked) < 2 or ranked[0]["time"] >= ranked[-1]["time"]:
        return None
    return ranked[-1], ranked[0]  # slowest, fastest


def _speed_note(slow: dict, fast: dict) -> str:
    return (
        f"The current solution takes {slow['time'] * 1e6:.3g} us per call; a rewrite with a "
        f"better algorithm or cheaper built-ins runs in about {fast['time'] * 1e6:.3g} us "
        "with the same results."
    )


def _slow_fast(rows: list[dict]):
    """(slowest, fastest, the improvement prompt on the slowest) for each usable row."""
    for row in rows:
        pair = _pair(row)
        if pair is not None:
            slow, fast = pair
            yield slow, fast, improvement_prompt(row, slow["code"], slow)


def sft_rows(rows: list[dict]) -> list[dict]:
    """{"prompt": messages, "completion": [assistant message]}: slowest -> fastest."""
    return [
        {
            "prompt": prompt.messages,
            "completion": [
                {
                    "role": "assistant",
                    "content": paper_answer(fast["code"], _speed_note(slow, fast)),
                }
            ],
        }
        for slow, fast, prompt in _slow_fast(rows)
    ]


def dpo_rows(rows: list[dict]) -> list[dict]:
    """{"prompt", "chosen" (fastest), "rejected" (slowest)} for the slowest solution's prompt."""
    return [
        {
            "prompt": prompt.messages,
            "chosen": [
                {
                    "role": "assistant",
                    "content": paper_answer(fast["code"], _speed_note(slow, fast)),
                }
            ],
            "rejected": [{"role": "assistant", "content": paper_answer(slow["code"])}],
        }
        for slow, fast, prompt in _slow_fast(rows)
    ]


def grpo_rows(rows: list[dict]) -> list[dict]:
    """{"prompt", and the problem's columns the reward needs}: improve the slowest solution
    (the starting solution when no measured solutions exist)."""
    out = []
    for row in rows:
        ranked = ranked_solutions(row)
        slow = ranked[-1] if ranked else {"code": row["starting_solution"]}
        prompt = improvement_prompt(row, slow["code"], slow)
        out.append(
            {
                "prompt": prompt.messages,
                "problem_id": str(row.get("problem_id")),
                "function_name": row["function_name"],
                "tests": row["tests"],
                "original": slow["code"],
                "starting_solution": row.get("starting_solution") or slow["code"],
                "prelude": row.get("prelude") or "",
                "equivalence": row.get("equivalence") or "values",
            }
        )
    return out
