"""Import a module from the text an editor holds instead of the file on disk.

The parent sends `{path: text}` for the target's file when the user's buffer differs from
what is saved. Every import of that file in the worker (the tests' `from pkg import mod`,
the loader's own import) then compiles the buffer's text under the file's real path, so
line numbers, `__file__`, tracebacks and `inspect.getsource` agree with the editor, and
every other module still comes from disk. A stale `.pyc` of the saved file is never used.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import linecache
import os
import sys
from typing import Any

from ..lines import split_lines, to_lf


class _TextLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname: str, path: str, text: str) -> None:
        super().__init__(fullname, path)
        self.text = text

    def get_source(self, fullname: str) -> str:
        return self.text

    def get_code(self, fullname: str) -> Any:
        return compile(self.text, self.path, "exec", dont_inherit=True)


class _Overlay(importlib.abc.MetaPathFinder):
    def __init__(self, files: dict[str, str]) -> None:
        self.files = {os.path.realpath(path): text for path, text in files.items()}
        # the last part of the module names these files can have: a cheap filter, so that
        # every other import costs one set lookup
        self.names = {_module_leaf(path) for path in self.files}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname.rpartition(".")[2] not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin:
            return None
        text = self.files.get(os.path.realpath(spec.origin))
        if text is None:
            return None
        spec.loader = _TextLoader(fullname, spec.origin, text)
        spec.cached = None
        return spec


def _module_leaf(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    return os.path.basename(os.path.dirname(path)) if stem == "__init__" else stem


def install(files: dict[str, str]) -> None:
    """Serve `files` from their text for the rest of this process."""
    if not files:
        return
    sys.meta_path.insert(0, _Overlay(files))
    for path, text in files.items():
        lines = split_lines(to_lf(text))
        for name in {path, os.path.realpath(path)}:
            linecache.cache[name] = (len(text), None, lines, name)  # mtime None: kept
