"""Resolve `path/to/file.py::Qual.name` to a function in a source file, statically.

Nothing here imports or runs user code: the target is found with `ast`, so a bad
target is reported before any worker starts.
"""

from __future__ import annotations

import ast
import hashlib
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from . import syntax
from .child.loader import ACCESSORS, split_accessor
from .errors import TargetError
from .lines import read_source, split_lines, to_lf

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Target:
    root: Path
    file: Path
    qualname: str
    # The file's text when it is not what the disk holds (an editor's unsaved buffer): the
    # workers import the module from it, and the rest of the workspace from disk.
    text: str | None = field(default=None, compare=False, repr=False)

    def source(self) -> str:
        """The module's text: the buffer's when given, else the file's as on disk."""
        if self.text is not None:
            return self.text
        try:
            return read_source(self.file)
        except OSError as exc:
            raise TargetError(f"{self.file}: cannot read ({exc.strerror})") from None
        except UnicodeDecodeError:
            raise TargetError(f"{self.file}: not UTF-8 text") from None

    @property
    def spec(self) -> str:
        try:
            rel = self.file.relative_to(self.root)
        except ValueError:
            rel = self.file
        return f"{rel}::{self.qualname}"

    @property
    def name(self) -> str:
        """The def's own name (a property's, for `Class.prop.setter`)."""
        return split_accessor(self.qualname)[0].rsplit(".", 1)[-1]

    @property
    def class_name(self) -> str | None:
        plain = split_accessor(self.qualname)[0]
        return plain.rsplit(".", 1)[0] if "." in plain else None


@dataclass(frozen=True)
class FunctionInfo:
    """Where a function sits in its file and what its signature is."""

    qualname: str
    first_line: int  # 1-based, the first decorator's line when decorated
    def_line: int
    end_line: int
    source: str  # dedented, decorators included
    signature: tuple
    annotations: dict[str, str]
    docstring: str | None
    is_async: bool

    @property
    def source_hash(self) -> str:
        return source_hash(self.source)


def source_hash(source: str) -> str:
    return hashlib.sha256(to_lf(source).encode()).hexdigest()[:16]


def parse_target(spec: str, root: str | Path = ".") -> Target:
    """Split FILE::QUALNAME; the file is taken relative to root when not absolute."""
    if "::" not in spec:
        raise TargetError(
            f"target {spec!r} is not of the form path/to/file.py::function "
            "(use Class.method for a method)"
        )
    path_part, qualname = spec.rsplit("::", 1)
    root_path = Path(root).resolve()
    file = Path(path_part)
    if not file.is_absolute():
        file = (root_path / file) if (root_path / file).exists() else file.resolve()
    file = file.resolve()
    if not qualname or not all(p.isidentifier() for p in qualname.split(".")):
        raise TargetError(
            f"{qualname!r} is not a function name; write FILE::name or FILE::Class.method"
        )
    if not file.exists():
        raise TargetError(f"{file}: no such file (paths are relative to --root {root_path})")
    if file.suffix != ".py":
        raise TargetError(f"{file}: not a Python file (.py)")
    return Target(root=root_path, file=file, qualname=qualname)


def parse_module(source: str, filename: str) -> ast.Module:
    try:
        return syntax.parse(source, filename=filename)
    except SyntaxError as exc:
        raise TargetError(
            f"{filename}:{exc.lineno}: syntax error: {exc.msg}; fix the file and try again"
        ) from None


def find_function(tree: ast.Module, qualname: str) -> FunctionNode | None:
    """The def of `qualname` at module level or inside (nested) classes; of a property,
    the getter, or the setter/deleter for `Class.prop.setter`."""
    scope: list[ast.stmt] = tree.body
    qualname, accessor = split_accessor(qualname)
    parts = qualname.split(".")
    for i, part in enumerate(parts):
        named = [
            node
            for node in scope
            if getattr(node, "name", None) == part
            and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        if i == len(parts) - 1:  # a property's other accessors are other functions
            named = [node for node in named if accessor_of(node) == accessor]
        match = named[-1] if named else None  # the last definition wins, as at run time
        if match is None:
            return None
        if i == len(parts) - 1:
            return match if isinstance(match, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        if not isinstance(match, ast.ClassDef):
            return None
        scope = match.body
    return None


def _kind_of(tree: ast.Module, qualname: str) -> str | None:
    scope: list[ast.stmt] = tree.body
    found: ast.AST | None = None
    for part in qualname.split("."):
        found = None
        for node in scope:
            if getattr(node, "name", None) == part or (
                isinstance(node, (ast.Assign, ast.AnnAssign))
                and part in {t.id for t in _targets(node) if isinstance(t, ast.Name)}
            ):
                found = node
        if found is None:
            return None
        scope = getattr(found, "body", [])
    return type(found).__name__


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def signature_of(node: FunctionNode) -> tuple:
    """Parameter names, kinds and defaults (as normalised source), comparable across files."""
    a = node.args

    def dump(expr: ast.expr | None) -> str | None:
        return None if expr is None else ast.unparse(expr)

    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    params = []
    for i, (arg, default) in enumerate(zip(positional, defaults, strict=True)):
        kind = "positional-only" if i < len(a.posonlyargs) else "positional-or-keyword"
        params.append((arg.arg, kind, dump(default)))
    if a.vararg:
        params.append((a.vararg.arg, "var-positional", None))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        params.append((arg.arg, "keyword-only", dump(default)))
    if a.kwarg:
        params.append((a.kwarg.arg, "var-keyword", None))
    return tuple(params)


def describe_signature(sig: tuple) -> str:
    parts = []
    for name, kind, default in sig:
        prefix = {"var-positional": "*", "var-keyword": "**"}.get(kind, "")
        parts.append(f"{prefix}{name}" + (f"={default}" if default is not None else ""))
    return "(" + ", ".join(parts) + ")"


def function_info(source: str, qualname: str, filename: str = "<source>") -> FunctionInfo:
    tree = parse_module(source, filename)
    node = find_function(tree, qualname)
    if node is None:
        kind = _kind_of(tree, qualname)
        if kind is None:
            raise TargetError(f"{filename}: no function named {qualname!r}")
        what = {"ClassDef": "a class", "Assign": "a variable", "AnnAssign": "a variable"}.get(
            kind, "not a function"
        )
        raise TargetError(f"{filename}: {qualname!r} is {what}, not a function; name a def")
    first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    text = node_source(split_lines(source), node)
    annotations = {
        a.arg: ast.unparse(a.annotation)
        for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        if a.annotation is not None
    }
    return FunctionInfo(
        qualname=qualname,
        first_line=first,
        def_line=node.lineno,
        end_line=node.end_lineno or node.lineno,
        source=text,
        signature=signature_of(node),
        annotations=annotations,
        docstring=ast.get_docstring(node),
        is_async=isinstance(node, ast.AsyncFunctionDef),
    )


def node_source(lines: list[str], node: FunctionNode) -> str:
    """A def's text, decorators included, dedented, with `\n` line breaks: what its hash
    is taken of. `lines` are the module's, from `split_lines`."""
    first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
    return textwrap.dedent(to_lf("".join(lines[first - 1 : node.end_lineno])))


def accessor_of(node: ast.AST) -> str | None:
    """ "setter" for a def decorated `@name.setter` (or "deleter"), else None."""
    for deco in getattr(node, "decorator_list", []):
        if isinstance(deco, ast.Attribute) and deco.attr in ACCESSORS:
            return deco.attr
    return None


def load_function(target: Target) -> FunctionInfo:
    return function_info(target.source(), target.qualname, str(target.file))


def candidate_node(candidate_source: str, qualname: str) -> FunctionNode | None:
    """The candidate's def: `Class.method` inside the class, or a bare top-level `method`."""
    tree = syntax.parse(candidate_source)
    node = find_function(tree, qualname)
    plain, accessor = split_accessor(qualname)
    if node is None and "." in plain:
        bare = plain.rsplit(".", 1)[-1]
        kinds = (ast.FunctionDef, ast.AsyncFunctionDef)
        named = [n for n in tree.body if isinstance(n, kinds) and n.name == bare]
        same = [n for n in named if accessor_of(n) == accessor]
        node = (same or [n for n in named if accessor_of(n) is None] or [None])[-1]
    return node


def enclosing_function(source: str, line: int) -> str | None:
    """Qualname of the innermost function (module level or in classes) spanning a 1-based line."""
    try:
        tree = syntax.parse(source)
    except SyntaxError:
        return None
    best: str | None = None

    def walk(body: list[ast.stmt], prefix: str) -> None:
        nonlocal best
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
                if first <= line <= (node.end_lineno or node.lineno):
                    qual = f"{prefix}{node.name}"
                    if isinstance(node, ast.ClassDef):
                        walk(node.body, qual + ".")
                    else:
                        accessor = accessor_of(node)
                        best = f"{qual}.{accessor}" if accessor and prefix else qual

    walk(tree.body, "")
    return best
