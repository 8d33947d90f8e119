"""Grouping into a dict of lists, spelled with a test or an exception per item:

    try: d[k].append(v)                 if k not in d: d[k] = []      d[k] = d.get(k, [])
    except KeyError: d[k] = [v]         d[k].append(v)                d[k].append(v)

Each looks the key up two or three times, or raises and catches for every new key.
`d.setdefault(k, []).append(v)` looks it up once. The key is evaluated once instead of
several times, so it must be pure.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import method_call, stmts
from ..base import Context, Rule
from ..checks import pure_expr
from ..inference import Ty


def _item(node: ast.AST, name: str) -> ast.expr | None:
    """k of `name[k]`."""
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
            and node.value.id == name and not isinstance(node.slice, ast.Slice)):
        return node.slice
    return None


def _appended(stmt: ast.stmt) -> tuple[str, ast.expr, ast.expr] | None:
    """(d, k, v) of `d[k].append(v)`."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "append" and len(call.args) == 1 and not call.keywords
            and isinstance(call.func.value, ast.Subscript)
            and isinstance(call.func.value.value, ast.Name)):
        return None
    name = call.func.value.value.id
    return name, _item(call.func.value, name), call.args[0]


def _same(a: ast.AST | None, b: ast.AST | None) -> bool:
    return a is not None and b is not None and ast.dump(a) == ast.dump(b)


def _assigns(stmt: ast.stmt, name: str, key: ast.expr) -> ast.expr | None:
    """The value of `name[key] = value`."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and _same(_item(stmt.targets[0], name), key)):
        return None
    return stmt.value


def _grouping(block: list[ast.stmt], i: int) -> tuple[int, str, ast.expr, ast.expr] | None:
    """(statements used, d, k, v) for a grouping spelled at block[i]."""
    first = block[i]
    nxt = block[i + 1] if i + 1 < len(block) else None
    if isinstance(first, ast.Try) and len(first.body) == 1 and len(first.handlers) == 1 and (
            not first.orelse and not first.finalbody):
        found, handler = _appended(first.body[0]), first.handlers[0]
        if (found and isinstance(handler.type, ast.Name) and handler.type.id == "KeyError"
                and handler.name is None and len(handler.body) == 1):
            d, k, v = found
            value = _assigns(handler.body[0], d, k)
            if (isinstance(value, ast.List) and len(value.elts) == 1
                    and _same(value.elts[0], v)):
                return 1, d, k, v
        return None
    found = _appended(nxt) if nxt is not None else None
    if found is None:
        return None
    d, k, v = found
    if isinstance(first, ast.If) and not first.orelse and len(first.body) == 1:
        test = first.test
        if (isinstance(test, ast.Compare) and len(test.ops) == 1
                and isinstance(test.ops[0], ast.NotIn) and _same(test.left, k)
                and isinstance(test.comparators[0], ast.Name) and test.comparators[0].id == d):
            value = _assigns(first.body[0], d, k)
            if isinstance(value, ast.List) and not value.elts:
                return 2, d, k, v
    value = _assigns(first, d, k)  # d[k] = d.get(k, [])
    if (value is not None and method_call(value, d) == "get" and len(value.args) == 2
            and _same(value.args[0], k) and isinstance(value.args[1], ast.List)
            and not value.args[1].elts):
        return 2, d, k, v
    return None


def _rewrite_setdefault(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not isinstance(node, ast.stmt) or node is facts.fn or not facts.enclosing_loops(node):
            continue
        block, i = facts.block_of(node)
        found = _grouping(block, i)
        if found is None:
            continue
        used, d, k, v = found
        ty = facts.type_of(ast.Name(d, ast.Load()))
        if not (isinstance(ty, Ty) and ty.kind == "dict") or not pure_expr(facts, k):
            continue
        block[i:i + used] = stmts(
            f"{d}.setdefault({ast.unparse(k)}, []).append({ast.unparse(v)})")
        return True
    return False


SETDEFAULT = Rule(
    "group-setdefault",
    "grouping into a dict of lists with a test or KeyError per item -> d.setdefault(k, [])",
    _rewrite_setdefault,
)
