"""The one way Afterburner's own process parses Python source.

CPython 3.11's parser is not safe to run from several threads at once: it fails now and then
with `SystemError: AST constructor recursion depth mismatch`. The language server's executor
threads and the reward's thread pool all parse, so every parse takes one lock. Workers are
single-threaded and parse as they like."""

from __future__ import annotations

import ast
import threading

_LOCK = threading.RLock()


def parse(source: str, filename: str = "<unknown>", mode: str = "exec") -> ast.AST:
    """`ast.parse`, one thread at a time."""
    with _LOCK:
        return ast.parse(source, filename=filename, mode=mode)


def fingerprint(source: str) -> str:
    """The same for two sources that differ only in layout and comments."""
    try:
        return ast.dump(parse(source))
    except (SyntaxError, ValueError):
        return source
