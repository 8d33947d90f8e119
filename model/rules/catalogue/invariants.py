"""Calls whose result cannot change inside a loop, made on every iteration:

- `sum(xs)`, `min(xs)`, `max(xs)` of a list, tuple or set the loop does not change;
- `x in set(xs)` (or `list`, `tuple`, `sorted`...) of an unchanged collection: built once;
- str methods (`name.lower()`, `sep.join(parts)`...) on a str and arguments the loop does
  not change;
- `re.match(PATTERN, s)` and its siblings with a literal pattern: the module looks the
  pattern up in its cache on every call; a pattern compiled once before the loop does not.

- a table of constants (`factors = {"km": 1000, ...}`) assigned on every pass and only read.

Each is computed once before the outermost loop in which its inputs stay the same.
"""

from __future__ import annotations

import ast
import re

from ..analysis import Facts
from ..ast_tools import expr
from ..base import Context, Rule
from ..checks import assigned_name, else_branch, insert_stmts, only_inside
from ..inference import BOOL, FLOAT, INT, STR, Ty, elem_of, is_hashable
from ..known import STR_TO_BOOL, STR_TO_INT, STR_TO_STR
from .hoisting import hoist_before, outermost_loop, within

FOLDS = {"sum", "min", "max"}
# constructors whose result is only searched with `in`: no one else can hold or change it
SEARCHED = {"set", "frozenset", "tuple", "list", "sorted"}
NUMBERS = (INT, FLOAT, BOOL)
RAISING = {"index", "rindex", "format", "join"}  # str methods that raise on some inputs
# re functions: positional arguments before `flags` (the pattern first)
RE_FUNCTIONS = {"match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
                "split": 3, "sub": 4, "subn": 4, "compile": 1}  # fmt: skip


def _inputs(node: ast.Call) -> list[ast.expr]:
    """The values a call depends on: its receiver and arguments."""
    receiver = [node.func.value] if isinstance(node.func, ast.Attribute) else []
    return [*receiver, *node.args, *(k.value for k in node.keywords)]


def _invariant_args(facts: Facts, node: ast.Call) -> list[str] | None:
    """The names among the call's inputs, when every input is a name or a constant."""
    names = []
    for value in _inputs(node):
        if isinstance(value, ast.Name):
            names.append(value.id)
        elif not isinstance(value, ast.Constant):
            return None
    return names


def _candidate(facts: Facts, node: ast.AST) -> bool:
    """A call that neither raises nor depends on anything but its inputs."""
    if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
        return False
    if facts.is_builtin_call(node, *FOLDS) and len(node.args) == 1 and not node.keywords:
        ty = facts.type_of(node.args[0])
        if not (isinstance(ty, Ty) and ty.kind in {"list", "tuple", "set", "frozenset"}):
            return False
        item = elem_of(ty)  # immutable items: the result stays the same
        return item in NUMBERS if node.func.id == "sum" else is_hashable(item)
    if (isinstance(node.func, ast.Attribute) and facts.type_of(node.func.value) == STR
            and node.func.attr in (STR_TO_STR | STR_TO_BOOL | STR_TO_INT) - RAISING):
        return all(facts.type_of(a) in (STR, INT) or isinstance(a, ast.Constant)
                   for a in _inputs(node)[1:])
    return False


def _hoist_one(facts: Facts, node: ast.Call, base: str) -> bool:
    names = _invariant_args(facts, node)
    if names is None or not facts.enclosing_loops(node):
        return False
    if names:
        anchors = [outermost_loop(facts, node, n) for n in names]
        if any(a is None for a in anchors):
            return False
        # each name stays unchanged out to its own loop: all of them, in the innermost of those
        anchor = max(anchors, key=lambda a: len(facts.enclosing_loops(a)))
    else:
        anchor = facts.enclosing_loops(node)[-1]
    dump, value = ast.dump(node), ast.unparse(node)
    matches = [n for n in facts.scope_nodes if isinstance(n, ast.Call) and ast.dump(n) == dump]
    guard = None
    if facts.is_builtin_call(node, "min", "max"):
        # min/max of an empty collection raises: only where the loop would have called it
        guard = ast.unparse(node.args[0])
        value = f"{value} if {guard} else None"

    def use(found: ast.Call, local: str) -> None:
        new = expr(f"({local} if {guard} else {ast.unparse(found)})") if guard else (
            ast.Name(local, ast.Load()))
        facts.replace(found, new)

    hoist_before(facts, anchor, within(anchor, matches), value, base, use)
    return True


def _built_to_search(facts: Facts, node: ast.AST) -> bool:
    """`x in set(xs)` of a collection: the new one is only searched, then dropped."""
    parent = facts.parents.get(node)
    if not (facts.is_builtin_call(node, *SEARCHED) and len(node.args) == 1
            and not node.keywords and isinstance(parent, ast.Compare) and len(parent.ops) == 1
            and isinstance(parent.ops[0], ast.In | ast.NotIn)
            and parent.comparators[0] is node):
        return False
    ty = facts.type_of(node.args[0])
    return isinstance(ty, Ty) and ty.kind in {"list", "tuple", "set", "frozenset", "str", "dict"}


def _hoist_calls(facts: Facts, wanted) -> bool:
    for node in facts.scope_nodes:
        if wanted(facts, node) and not else_branch(facts, node):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if _hoist_one(facts, node, f"{name}_once"):
                return True
    return False


def _rewrite_calls(facts: Facts, ctx: Context) -> bool:
    return _hoist_calls(facts, _candidate)


def _rewrite_searched(facts: Facts, ctx: Context) -> bool:
    return _hoist_calls(facts, _built_to_search)


def _re_call(facts: Facts, node: ast.AST) -> bool:
    """`re.fn(LITERAL, ...)` with `re` a global (the module, as far as the evidence goes) and
    no flags passed by position."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
            and "re" not in facts.bound and node.func.attr in RE_FUNCTIONS
            and bool(node.args) and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str | bytes)
            and len(node.args) < RE_FUNCTIONS[node.func.attr] + 1
            and all(k.arg is not None for k in node.keywords)
            and not any(isinstance(a, ast.Starred) for a in node.args)
            and bool(facts.enclosing_loops(node)))


def _rewrite_re(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not _re_call(facts, node):
            continue
        flags = [k for k in node.keywords if k.arg == "flags"]
        if flags and not isinstance(flags[0].value, ast.Constant | ast.Attribute):
            continue
        try:  # compiled before the loop, a bad pattern would raise where it did not
            re.compile(node.args[0].value)
        except (re.error, RecursionError, OverflowError):
            continue
        pattern = ast.unparse(node.args[0])
        compiled = f"re.compile({pattern}" + (f", {ast.unparse(flags[0].value)})" if flags
                                              else ")")  # fmt: skip
        key = ast.dump(node.args[0]) + (ast.dump(flags[0].value) if flags else "")
        matches = [n for n in facts.scope_nodes if _re_call(facts, n)
                   and ast.dump(n.args[0]) + "".join(ast.dump(k.value) for k in n.keywords
                                                     if k.arg == "flags") == key]
        anchor = facts.enclosing_loops(node)[-1]

        def use(found: ast.Call, local: str) -> None:
            if found.func.attr == "compile":  # the compiled pattern itself
                facts.replace(found, ast.Name(local, ast.Load()))
                return
            rest = [k for k in found.keywords if k.arg != "flags"]
            found.func = ast.Attribute(ast.Name(local, ast.Load()), found.func.attr, ast.Load())
            found.args, found.keywords = found.args[1:], rest

        hoist_before(facts, anchor, within(anchor, matches), compiled, "pattern", use)
        return True
    return False


def _constant_display(node: ast.AST) -> bool:
    """A dict, list, set or tuple display of constants (nested displays of constants too)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Dict):
        return None not in node.keys and all(map(_constant_display, node.keys + node.values))
    if isinstance(node, ast.List | ast.Set | ast.Tuple):
        return all(map(_constant_display, node.elts))
    return False


def _rewrite_constant_table(facts: Facts, ctx: Context) -> bool:
    for stmt in facts.scope_nodes:
        name = assigned_name(stmt) if isinstance(stmt, ast.stmt) else None
        if (name is None or isinstance(stmt.value, ast.Constant)
                or not _constant_display(stmt.value)):
            continue
        loops = facts.enclosing_loops(stmt)
        if not loops or not facts.is_plain_local(name) or len(facts.binding_stmts(name)) != 1:
            continue
        anchor = loops[-1]
        # read only, and only inside the loop: one table serves every pass
        if not (only_inside(facts, name, anchor)
                and all(facts.read_only_use(u) for u in facts.loads.get(name, []))):
            continue
        block, i = facts.block_of(stmt)
        del block[i]
        if not block:
            block.append(ast.Pass())
        insert_stmts(facts, anchor, [stmt])
        return True
    return False


CALL_HOIST = Rule(
    "invariant-call-hoist",
    "sum/min/max of an unchanged collection, or a str method on unchanged strings, inside a "
    "loop -> computed once before it",
    _rewrite_calls,
)
SEARCHED_HOIST = Rule(
    "searched-collection-hoist",
    "`x in set(xs)` of an unchanged collection inside a loop -> the collection built once",
    _rewrite_searched,
)
TABLE_HOIST = Rule(
    "constant-table-hoist",
    "a table of constants (dict, list, set) built on every pass of a loop -> built once",
    _rewrite_constant_table,
)
RE_HOIST = Rule(
    "regex-compile-hoist",
    "re.match/search/sub/... with a literal pattern inside a loop -> a pattern compiled once "
    "before it",
    _rewrite_re,
)
