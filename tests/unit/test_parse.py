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
        "<solution>\x00</solution>": "syntax error: source code string cannot contain null bytes",
    }
    for text, reason in cases.items():
        p = parse_completion(text, "f")
        assert p.code is None and reason in p.reason, (text, p.reason)
    assert "line None" not in parse_completion("<solution>\x00</solution>", "f").reason


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


# Replies as real instruct models write them (SmolLM2, Qwen2.5-Coder): fenced blocks, usage
# examples after the answer, cut off by the token limit, CRLF, unclosed thinking.
FAST = "def f(x):\n    return sorted(set(x))\n"


def test_a_usage_example_after_the_answer_is_not_the_answer():
    reply = f"```python\n{FAST}```\n\nExample usage:\n```python\nprint(f([3, 1, 3]))\n```"
    assert parse_completion(reply, "f").code == FAST


def test_a_truncated_last_block_falls_back_to_the_complete_one():
    reply = f"```python\n{FAST}```\nA variant:\n```python\ndef f(x):\n    return sorted(se"
    assert parse_completion(reply, "f").code == FAST


def test_only_a_broken_definition_says_why_it_is_broken():
    reply = "```python\ndef f(x):\n    return sorted(se\n```\n```python\nprint(1)\n```"
    parsed = parse_completion(reply, "f")
    assert parsed.code is None and parsed.reason.startswith("syntax error"), parsed.reason


def test_crlf_inside_fences_and_an_unclosed_thinking_tag():
    reply = "<thinking>Use a set.\r\n```python\r\n" + FAST.replace("\n", "\r\n") + "```\r\n"
    assert parse_completion(reply, "f").code == FAST


def test_the_solution_section_wins_over_a_draft_in_the_thinking():
    draft = "def f(x):\n    return list(x)\n"
    reply = (
        f"<thinking>First try:\n```python\n{draft}```</thinking>"
        f"<solution>\n```python\n{FAST}```\n</solution>"
    )
    parsed = parse_completion(reply, "f")
    assert parsed.code == FAST and parsed.well_formatted


def test_no_block_defines_the_function():
    reply = "```python\ndef g(x):\n    return x\n```\n```python\nprint(g(1))\n```"
    assert "no function named 'f'" in parse_completion(reply, "f").reason
