"""Turn a model's reply into candidate code, or into a reason it cannot be one.

The paper's format is `<thinking>...</thinking><solution>...</solution>`; a fenced python
block is accepted too, since many instruct models answer that way. Malformed output is a
rejected candidate with a reason, never an exception.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from afterburner.sandbox import syntax

_SOLUTION = re.compile(r"<solution>(.*?)(?:</solution>|\Z)", re.S | re.I)
_FENCE = re.compile(r"```[ \t]*(?:python|py|python3)?[ \t]*\n(.*?)(?:```|\Z)", re.S | re.I)
_FORMAT = re.compile(r"\s*<thinking>.*?</thinking>\s*<solution>.*?</solution>\s*", re.S | re.I)


@dataclass(frozen=True)
class Parsed:
    code: str | None
    reason: str | None  # why there is no usable code
    well_formatted: bool  # the paper's <thinking>/<solution> format, for the GRPO reward


def has_paper_format(text: str) -> bool:
    return bool(_FORMAT.fullmatch(text or ""))


def _defines(tree: ast.Module, name: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return True
    return False


def code_blocks(text: str) -> list[str]:
    """The reply's code blocks, least preferred first: fenced python blocks anywhere, then
    the body of each <solution> section (its fenced blocks, or itself when unfenced)."""
    found = list(_FENCE.findall(text))
    for body in _SOLUTION.findall(text):
        fenced = _FENCE.findall(body)
        found += fenced if fenced else [body]
    return [b.strip("\n") for b in found if b.strip()]


def _syntax_reason(exc: Exception) -> str:
    if isinstance(exc, SyntaxError):
        where = f" at line {exc.lineno}" if exc.lineno else ""
        return f"syntax error{where}: {exc.msg}"
    return f"not valid Python source: {exc}"


def parse_completion(text: str | None, function_name: str) -> Parsed:
    """The last block that parses and defines the function. Real replies put usage examples
    after the definition, or are cut off by the token limit, so the last block alone is
    often not the answer. With none, the reason comes from the last block that mentions the
    definition (a truncated or broken one), else from the last block."""
    text = (text or "").replace("\r\n", "\n")
    formatted = has_paper_format(text)
    if not text.strip():
        return Parsed(None, "the model returned an empty reply", False)
    blocks = code_blocks(text)
    if not blocks:
        return Parsed(None, "no <solution> block or ```python code block in the reply", formatted)
    defines = re.compile(rf"\bdef\s+{re.escape(function_name)}\s*\(")
    reasons: list[str] = []  # per block, last block first
    broken_definition: str | None = None
    for code in reversed(blocks):
        try:
            tree = syntax.parse(code)
        except (SyntaxError, ValueError) as exc:
            reasons.append(_syntax_reason(exc))
            if broken_definition is None and defines.search(code):
                broken_definition = reasons[-1]
            continue
        if _defines(tree, function_name):
            return Parsed(code + "\n", None, formatted)
        reasons.append(f"the code defines no function named {function_name!r}")
    return Parsed(None, broken_definition or reasons[0], formatted)
