"""Questions rules ask about one function, answered conservatively from `Facts`: is this
expression pure, this value non-negative, this name unchanged in a region; and the small edits
rules make (insert, remove, find an initialiser)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from .analysis import Facts
from .ast_tools import int_const, is_const, names_in
from .inference import Ty, elem_of, is_hashable, is_primitive
from .known import STR_METHODS


def nonnegative(facts: Facts, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
    """`node` is an int that is surely >= 0: literals, len(), sums and products of such, and
    names only ever bound as the counter of a range/enumerate over non-negative bounds."""
    if is_const(node, kind=int):
        return node.value >= 0
    if facts.is_builtin_call(node, "len"):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult | ast.FloorDiv):
        return nonnegative(facts, node.left, seen) and nonnegative(facts, node.right, seen)
    if not isinstance(node, ast.Name) or node.id in seen or not facts.is_plain_local(node.id):
        return False
    if facts.types.names.get(node.id) != Ty("int"):
        return False
    seen = seen | {node.id}
    for store in facts.stores[node.id]:
        site = facts.parents[store]
        if isinstance(site, ast.Tuple):  # `for i, x in enumerate(xs)`
            loop = facts.parents[site]
            if not (isinstance(loop, ast.For | ast.comprehension) and loop.target is site
                    and site.elts[0] is store and facts.is_builtin_call(loop.iter, "enumerate")
                    and len(loop.iter.args) == 1 and not loop.iter.keywords):
                return False
            continue
        if not (isinstance(site, ast.For | ast.comprehension) and site.target is store
                and facts.is_builtin_call(site.iter, "range") and not site.iter.keywords):
            return False
        args = site.iter.args
        if len(args) >= 2 and not nonnegative(facts, args[0], seen):
            return False
        if len(args) == 3 and not (int_const(args[2]) or 0) > 0:
            return False
    return True


# Builtins that, on primitive arguments, neither run user code nor have side effects.
PURE_BUILTINS = {"chr", "ord", "len", "abs", "min", "max", "str", "int", "bool", "repr", "divmod",
                 "hex", "oct", "bin"}
_PURE_NODES = (
    ast.Name, ast.Constant, ast.expr_context, ast.operator, ast.cmpop, ast.unaryop, ast.boolop,
    ast.Slice, ast.IfExp, ast.BoolOp, ast.Tuple, ast.JoinedStr, ast.keyword,
)


def pure_expr(facts: Facts, node: ast.expr) -> bool:
    """Evaluating `node` runs no user code and has no side effect, so it is a function of the
    variables it reads: only builtin operations on values whose types are known primitives."""
    calls_ok: set[int] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            if not _pure_call(facts, n):
                return False
            calls_ok.add(id(n.func))
        elif isinstance(n, ast.Attribute):
            if id(n) not in calls_ok:
                return False
        elif isinstance(n, ast.BinOp):
            if not (is_primitive(facts.type_of(n.left)) and is_primitive(facts.type_of(n.right))):
                return False
        elif isinstance(n, ast.UnaryOp):
            if not is_primitive(facts.type_of(n.operand)):
                return False
        elif isinstance(n, ast.Compare):
            if not _pure_compare(facts, n):
                return False
        elif isinstance(n, ast.Subscript):
            value = facts.type_of(n.value)
            if not (isinstance(value, Ty) and value.kind in {"str", "bytes", "list", "tuple",
                                                             "dict", "range"}):
                return False
            if not isinstance(n.slice, ast.Slice) and not is_hashable(facts.type_of(n.slice)):
                return False
            if value.kind == "dict" and not is_hashable(value.args[0]):
                return False  # unknown keys may run user __eq__ during the lookup
        elif isinstance(n, ast.FormattedValue):
            if not is_primitive(facts.type_of(n.value)):
                return False
        elif isinstance(n, ast.Dict):  # a literal table: keys must hash without user code
            if None in n.keys or not all(is_primitive(facts.type_of(k)) for k in n.keys):
                return False
        elif not isinstance(n, _PURE_NODES):
            return False
    return True


def _pure_call(facts: Facts, call: ast.Call) -> bool:
    if any(isinstance(a, ast.Starred) for a in call.args) or call.keywords:
        return False
    if not all(is_primitive(facts.type_of(a)) for a in call.args):
        return False
    if facts.is_builtin_call(call, *PURE_BUILTINS):
        return True
    if isinstance(call.func, ast.Attribute):
        recv = facts.type_of(call.func.value)
        if isinstance(recv, Ty) and recv.kind in {"str", "bytes"}:
            return call.func.attr in STR_METHODS
        if isinstance(recv, Ty) and recv.kind == "dict":
            return call.func.attr == "get" and all(is_hashable(a) for a in recv.args[:1])
    return False


def _pure_compare(facts: Facts, node: ast.Compare) -> bool:
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands[:-1], operands[1:], strict=True):
        lt, rt = facts.type_of(left), facts.type_of(right)
        if isinstance(op, ast.In | ast.NotIn):
            if not is_hashable(lt) or not isinstance(rt, Ty):
                return False
            if rt.kind in {"str", "bytes", "range"}:
                continue
            if rt.kind not in {"list", "tuple", "set", "frozenset", "dict"}:
                return False
            if not is_hashable(elem_of(rt)):
                return False
        elif not (is_primitive(lt) and is_primitive(rt)):
            return False
    return True


def only_inside(facts: Facts, name: str, node: ast.AST) -> bool:
    """Every reference to `name` in the function lies inside `node`."""
    ids = facts.subtree(node)
    refs = facts.loads.get(name, []) + facts.stores.get(name, [])
    return name not in facts.nested and all(id(r) in ids for r in refs)


def never_aliased(facts: Facts, name: str) -> bool:
    """The object in `name` cannot be reached through another local name: every use reads it,
    calls a method on it or stores into its items."""
    if name in facts.nested or name in facts.unusual:
        return False
    for use in facts.loads.get(name, []):
        parent = facts.parents[use]
        if isinstance(parent, ast.Attribute) and isinstance(facts.parents[parent], ast.Call):
            continue
        if isinstance(parent, ast.Subscript) and parent.value is use:
            continue
        if not facts.read_only_use(use):
            return False
    return True


def unchanged_within(facts: Facts, name: str, region: ast.AST) -> bool:
    """The value in `name` (a never-aliased container or an immutable value) is the same
    object with the same contents throughout `region`."""
    ids = facts.subtree(region)
    if any(id(s) in ids for s in facts.stores.get(name, [])):
        return False
    ty = facts.type_of(ast.Name(name, ast.Load()))
    if isinstance(ty, Ty) and ty.kind in {"str", "bytes", "int", "float", "bool", "range"}:
        return True
    if ty is not None and isinstance(ty, Ty) and ty.kind == "tuple":
        return True
    return never_aliased(facts, name) and all(
        facts.read_only_use(u) for u in facts.loads.get(name, []) if id(u) in ids
    )


def assigned_name(stmt: ast.stmt) -> str | None:
    """`name` for `name = value` and `name: hint = value`."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def earlier_init(facts: Facts, stmt: ast.stmt, name: str,
                 accept: Callable[[ast.expr], bool]) -> ast.Assign | ast.AnnAssign | None:
    """The nearest earlier statement of `stmt`'s block that is `name = <value>` (or
    `name: hint = <value>`) with `accept(value)`, when nothing in between mentions `name`."""
    block, i = facts.block_of(stmt)
    for prev in reversed(block[:i]):
        if assigned_name(prev) == name:
            return prev if accept(prev.value) else None
        if name in names_in(prev):
            return None
    return None


def is_empty_list(facts: Facts, node: ast.expr) -> bool:
    return (isinstance(node, ast.List) and not node.elts) or (
        facts.is_builtin_call(node, "list") and not node.args and not node.keywords)


def is_empty_dict(facts: Facts, node: ast.expr) -> bool:
    return (isinstance(node, ast.Dict) and not node.keys) or (
        facts.is_builtin_call(node, "dict") and not node.args and not node.keywords)


def remove_stmt(facts: Facts, stmt: ast.stmt) -> None:
    block, i = facts.block_of(stmt)
    del block[i]
    if not block:
        block.append(ast.Pass())


def insert_stmts(facts: Facts, anchor: ast.stmt, new: list[ast.stmt], after: bool = False) -> None:
    block, i = facts.block_of(anchor)
    block[i + after:i + after] = new


def else_branch(facts: Facts, node: ast.AST) -> ast.IfExp | None:
    """The conditional expression whose `else` value `node` is: rules that guard a rewrite
    keep the original there (for an input the rewrite would answer differently), and must
    not rewrite it again."""
    parent = facts.parents.get(node)
    return parent if isinstance(parent, ast.IfExp) and parent.orelse is node else None
