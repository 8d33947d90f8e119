"""Functions in a document, statically: names, ranges and the one under a cursor."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class FunctionSpan:
    qualname: str
    first_line: int  # 0-based, the first decorator's line when decorated
    def_line: int  # 0-based
    end_line: int  # 0-based, inclusive


def functions(source: str) -> list[FunctionSpan]:
    """Module-level functions and methods of (nested) classes; empty when unparseable."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    out: list[FunctionSpan] = []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                out.append(
                    FunctionSpan(
                        f"{prefix}{node.name}",
                        first - 1,
                        node.lineno - 1,
                        (node.end_lineno or node.lineno) - 1,
                    )
                )

    walk(tree.body, "")
    return out


def function_at(source: str, line: int) -> FunctionSpan | None:
    """The innermost function spanning a 0-based line."""
    spans = [f for f in functions(source) if f.first_line <= line <= f.end_line]
    return min(spans, key=lambda f: f.end_line - f.first_line) if spans else None
