"""The improvement prompt, after the paper's: instructions, the function with its context,
the current solution with its measured performance, what happened to earlier attempts,
and the output format `<thinking>...</thinking><solution>...</solution>`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .backends.base import Prompt, Tried

SYSTEM = (
    "You are an expert Python performance engineer. You rewrite functions to run faster "
    "while keeping their observable behaviour exactly the same."
)

TEMPLATE = """## Instructions
Rewrite the Python function `{name}` so that it runs faster on the inputs it really receives,
with exactly the same behaviour: the same return value and type, the same exceptions, the
same changes to its arguments and the same printed output, for every input. Keep the
signature (name, parameters, defaults) unchanged. You may add imports from the standard
library and small helper functions. If the current solution does not pass, fix it first.

## Function context
Signature: `{signature}`
{observed}{docstring}{tests}
## Current solution
```python
{code}
```

## Current performance (measured on this machine)
Passed: {passed} / Time: {time} / Memory: {memory} / Integral: {integral}
{hot_lines}{growth}{feedback}
## Output format
Think about where the time goes first, then give the complete rewritten function.
Reply exactly as:
<thinking>your analysis</thinking>
<solution>
```python
# the complete function, with any imports and helpers it needs
```
</solution>
"""


GENERATE = """## Instructions
Solve the problem below in Python, correctly first and then efficiently: your solution is
run on the problem's tests and timed.

## Problem
{question}

## Starter code
```python
{starter}
```

## Output format
Reply with the complete solution (the starter's class or function, and any imports it needs)
in one ```python code block.
"""


def generation_prompt(question: str, starter: str, name: str) -> Prompt:
    """Iteration 0 of the paper's protocol: the model's own solution to the statement."""
    text = GENERATE.format(question=question.strip(), starter=starter.rstrip())
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]
    return Prompt(messages=messages, code=starter, function_name=name)


@dataclass
class Measured:
    """Numbers the sandbox measured for the current solution."""

    passed: str = "all"
    median_s: float | None = None
    peak_bytes: int | None = None
    hot_lines: list[tuple[float, str]] = field(default_factory=list)  # (share, line text)
    growth: str | None = None  # e.g. "time grows like n^1.98 (quadratic)"


@dataclass
class FunctionContext:
    name: str
    signature: str
    docstring: str | None = None
    tests: list[str] = field(default_factory=list)  # source of tests that call the function
    observed_types: dict[str, str] = field(default_factory=dict)  # parameter -> type seen


def _fmt_time(s: float | None) -> str:
    return "unknown" if s is None else f"{s * 1e3:.4g} ms"


def _fmt_mem(b: int | None) -> str:
    return "unknown" if b is None else f"{b / 1024:.1f} KiB"


def _integral(m: Measured) -> str:
    if m.median_s is None or m.peak_bytes is None:
        return "unknown"
    return f"{m.median_s * 1e3 * m.peak_bytes / 1024:.4g} KiB*ms"


def build_prompt(
    context: FunctionContext,
    code: str,
    measured: Measured,
    feedback: list[str],
    tried: tuple[Tried, ...] = (),
) -> Prompt:
    doc = f'Docstring: """{context.docstring}"""\n' if context.docstring else ""
    observed = ""
    if context.observed_types:
        seen = ", ".join(f"{k}: {v}" for k, v in context.observed_types.items())
        observed = f"Argument types in its inputs: {seen}\n"
    tests = ""
    if context.tests:
        shown = "\n\n".join(t.strip() for t in context.tests[:3])
        tests = f"Tests that call it:\n```python\n{shown[:3000]}\n```\n"
    hot = ""
    if measured.hot_lines:
        rows = "\n".join(
            f"- {share * 100:.0f}% of the time: `{text}`" for share, text in measured.hot_lines[:5]
        )
        hot = f"\nHot lines:\n{rows}\n"
    growth = f"\nGrowth with input size: {measured.growth}\n" if measured.growth else ""
    fb = ""
    if feedback:
        fb = (
            "\n## Feedback on previous attempts\n"
            + "\n".join(f"- {line}" for line in feedback)
            + "\n"
        )
    text = TEMPLATE.format(
        name=context.name,
        signature=context.signature,
        docstring=doc,
        observed=observed,
        tests=tests,
        code=code.rstrip(),
        passed=measured.passed,
        time=_fmt_time(measured.median_s),
        memory=_fmt_mem(measured.peak_bytes),
        integral=_integral(measured),
        hot_lines=hot,
        growth=growth,
        feedback=fb,
    )
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]
    return Prompt(messages=messages, code=code, function_name=context.name,
                  observed_types=dict(context.observed_types), tried=tried)
