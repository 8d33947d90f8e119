"""Functions in a document, statically: names, ranges and the one under a cursor."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FunctionSpan:
    qualname: str
    first_line: int  # 0-based, the first decorator's line when decorated
    def_line: int  # 0-based
    end_line: int  # 0-based, inclusive


@lru_cache(maxsize=32)
def functions(source: str) -> tuple[FunctionSpan, ...]:
    """Module-level functions and methods of (nested) classes; empty when unparseable.
    Cached by text: hovers and code actions ask again and again about the same version."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return ()
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
    return tuple(out)


@lru_cache(maxsize=32)
def source_hashes(source: str) -> dict[str, str]:
    """qualname -> hash of its source, the key of everything measured about it."""
    from afterburner.sandbox.target import function_info

    return {f.qualname: function_info(source, f.qualname).source_hash for f in functions(source)}


def function_at(source: str, line: int) -> FunctionSpan | None:
    """The innermost function spanning a 0-based line."""
    spans = [f for f in functions(source) if f.first_line <= line <= f.end_line]
    return min(spans, key=lambda f: f.end_line - f.first_line) if spans else None
