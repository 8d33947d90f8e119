"""The functions of a document, statically: names, ranges, hashes and the one under a
cursor. Pure `ast` work, no LSP: the command line uses it too (lsp_documents.py holds the
server's document classes)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from afterburner.sandbox import syntax
from afterburner.sandbox.lines import split_lines
from afterburner.sandbox.target import accessor_of, node_source, source_hash


@dataclass(frozen=True)
class FunctionSpan:
    qualname: str
    first_line: int  # 0-based, the first decorator's line when decorated
    def_line: int  # 0-based
    end_line: int  # 0-based, inclusive
    source_hash: str  # the key of everything measured about it


MAX_CHARS = 2_000_000  # beyond this a document gets no features (one log line says so)


@dataclass(frozen=True)
class Index:
    """One parse of one version of a document: its functions and their hashes."""

    spans: tuple[FunctionSpan, ...] = ()
    too_big: bool = False

    def named(self, qualname: str) -> FunctionSpan | None:
        found = [s for s in self.spans if s.qualname == qualname]
        return found[-1] if found else None  # the last definition wins, as at run time

    def at(self, line: int) -> FunctionSpan | None:
        """The innermost function spanning a 0-based line."""
        spans = [f for f in self.spans if f.first_line <= line <= f.end_line]
        return min(spans, key=lambda f: f.end_line - f.first_line) if spans else None


# Top-level lines that continue the statement before them, not start one.
_CONTINUES = re.compile(r"(else|elif|except|finally)\b")
_MERGE = 8  # blocks tried together before the rest of the file is parsed as one


def _starts(lines: list[str]) -> list[int]:
    """Lines that may start a top-level statement: those that begin in column 0 with code."""
    out = [0]
    for i in range(1, len(lines)):
        first = lines[i][:1]
        if first and first not in " \t\x0c#\r\n" and not _CONTINUES.match(lines[i]):
            out.append(i)
    return out


@lru_cache(maxsize=16384)
def _block(text: str) -> tuple[FunctionSpan, ...] | None:
    """The functions of one run of top-level statements (lines relative to it), or None when
    it does not parse on its own. Cached by text: an edit re-parses only its own block."""
    try:
        tree = syntax.parse(text)
    except (SyntaxError, ValueError):
        return None
    lines = split_lines(text)
    out: list[FunctionSpan] = []

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                accessor = accessor_of(node) if prefix else None
                qualname = f"{prefix}{node.name}" + (f".{accessor}" if accessor else "")
                out.append(
                    FunctionSpan(
                        qualname,
                        first - 1,
                        node.lineno - 1,
                        (node.end_lineno or node.lineno) - 1,
                        source_hash(node_source(lines, node)),
                    )
                )

    walk(tree.body, "")
    return tuple(out)


def _moved(span: FunctionSpan, by: int) -> FunctionSpan:
    return replace(
        span,
        first_line=span.first_line + by,
        def_line=span.def_line + by,
        end_line=span.end_line + by,
    )


@lru_cache(maxsize=16)
def index(source: str) -> Index:
    """Module-level functions and methods of (nested) classes, with their hashes. The module
    is parsed as runs of top-level statements, each on its own and cached by its text, so
    after an edit only the run it touched is parsed again. A run that parses alone ends
    outside any string or bracket, so it means what it means in the whole file. Where the
    file stops parsing, the functions after that point are left out."""
    if len(source) > MAX_CHARS:
        return Index(too_big=True)
    lines = split_lines(source)
    starts = [*_starts(lines), len(lines)]
    out: list[FunctionSpan] = []
    i = 0
    while i < len(starts) - 1:
        found = None
        for j in [*range(i + 1, min(i + 1 + _MERGE, len(starts))), len(starts) - 1]:
            found = _block("".join(lines[starts[i] : starts[j]]))
            if found is not None:
                break
        if found is None:
            break  # the rest of the file does not parse
        out.extend(_moved(span, starts[i]) for span in found)
        i = j
    return Index(tuple(out))


def functions(source: str) -> tuple[FunctionSpan, ...]:
    return index(source).spans


def function_at(source: str, line: int) -> FunctionSpan | None:
    return index(source).at(line)
