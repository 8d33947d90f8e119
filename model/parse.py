"""Turn a model's reply into candidate code, or into a reason it cannot be one.

The paper's format is `<thinking>...</thinking><solution>...</solution>`; a fenced python
block is accepted too, since many instruct models answer that way. Malformed output is a
rejected candidate with a reason, never an exception.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

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


def extract_code(text: str) -> str | None:
    """The code inside <solution> (unfenced if fenced), else the last fenced python block."""
    solutions = _SOLUTION.findall(text)
    if solutions:
        body = solutions[-1]
        fenced = _FENCE.findall(body)
        return (fenced[-1] if fenced else body).strip("\n")
    fenced = _FENCE.findall(text)
    return fenced[-1].strip("\n") if fenced else None


def parse_completion(text: str | None, function_name: str) -> Parsed:
    formatted = has_paper_format(text or "")
    if not text or not text.strip():
        return Parsed(None, "the model returned an empty reply", False)
    code = extract_code(text)
    if code is None or not code.strip():
        return Parsed(None, "no <solution> block or ```python code block in the reply", formatted)
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return Parsed(None, f"syntax error at line {exc.lineno}: {exc.msg}", formatted)
    except ValueError as exc:
        return Parsed(None, f"not valid Python source: {exc}", formatted)
    if not _defines(tree, function_name):
        return Parsed(None, f"the code defines no function named {function_name!r}", formatted)
    return Parsed(code + "\n", None, formatted)
