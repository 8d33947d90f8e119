from __future__ import annotations

from afterburner.model.parse import has_paper_format, parse_completion
from afterburner.model.prompt import FunctionContext, Measured, build_prompt

GOOD = "def f(x):\n    return x\n"


def test_paper_format():
    text = f"<thinking>use a set</thinking>\n<solution>\n```python\n{GOOD}```\n</solution>"
    p = parse_completion(text, "f")
    assert p.code == GOOD and p.reason is None and p.well_formatted


def test_unfenced_solution_and_plain_fence():
    assert parse_completion(f"<solution>{GOOD}</solution>", "f").code == GOOD
    p = parse_completion(f"Here you go:\n```python\n{GOOD}```\nDone.", "f")
    assert p.code == GOOD and not p.well_formatted


def test_truncated_reply_still_parses_when_code_is_complete():
    assert parse_completion(f"<thinking>x</thinking><solution>```python\n{GOOD}", "f").code == GOOD


def test_malformed_replies_are_reasons_not_errors():
    cases = {
        "": "empty reply",
        None: "empty reply",
        "I would use a set.": "no <solution>",
        "<solution>def f(x:\n</solution>": "syntax error",
        "<solution>def g(x):\n    return x\n</solution>": "no function named 'f'",
        "<solution>\x00</solution>": "",
    }
    for text, reason in cases.items():
        p = parse_completion(text, "f")
        assert p.code is None and reason in p.reason


def test_format_check_is_strict():
    assert not has_paper_format("<solution>x</solution>")
    assert has_paper_format("<thinking>a</thinking><solution>b</solution>")


def test_prompt_carries_code_numbers_hot_lines_and_feedback():
    ctx = FunctionContext(
        name="f", signature="def f(x)", docstring="Doc.", tests=["def test_f(): f(1)"]
    )
    m = Measured(median_s=0.0025, peak_bytes=2048, hot_lines=[(0.42, "y = x")], growth="n^2")
    prompt = build_prompt(ctx, GOOD, m, ["attempt 1.1: rejected: boom"])
    text = prompt.messages[-1]["content"]
    for piece in (
        "def f(x)",
        "2.5 ms",
        "2.0 KiB",
        "42%",
        "y = x",
        "n^2",
        "attempt 1.1",
        "<solution>",
        "def test_f",
        "Doc.",
    ):
        assert piece in text
    assert prompt.code == GOOD and prompt.messages[0]["role"] == "system"
