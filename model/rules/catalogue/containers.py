"""Local lists used in a way that makes every step cost O(n): rebuilt by concatenation on
each iteration, or searched linearly although only membership matters."""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import expr, names_in, stmts
from ..base import Context, Rule
from ..inference import Ty, is_hashable

EAGER_CONSUMERS = {"len", "list", "tuple", "sorted", "set", "frozenset", "sum", "min", "max",
                   "any", "all", "bool"}


def fresh_list(facts: Facts, value: ast.expr) -> bool:
    """A new list object nobody else can hold yet."""
    if isinstance(value, ast.List | ast.ListComp):
        return True
    return facts.is_builtin_call(value, "list", "sorted") and len(value.args) <= 1


def _concat_pieces(facts: Facts, stmt: ast.stmt, name: str) -> list[ast.expr] | None:
    """[A, B, ...] for `name = name + A + B ...` when every piece is surely a list (list +
    anything else raises, where += would accept any iterable)."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == name):
        return None
    pieces, node = [], stmt.value
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        pieces.append(node.right)
        node = node.left
    if not (pieces and isinstance(node, ast.Name) and node.id == name):
        return None
    for piece in pieces:
        ty = facts.type_of(piece)
        is_list = isinstance(piece, ast.List | ast.ListComp) or (
            isinstance(ty, Ty) and ty.kind == "list")
        if not is_list or name in names_in(piece):
            return None
    return pieces[::-1]


def _left_operand(stmt: ast.Assign) -> ast.expr:
    node = stmt.value
    while isinstance(node, ast.BinOp):
        node = node.left
    return node


def _eager_read(facts: Facts, use: ast.Name, sites: set[int]) -> bool:
    """A use that reads the list right away and keeps no reference to it."""
    parent = facts.parents[use]
    if isinstance(parent, ast.Subscript) and parent.value is use:
        return isinstance(parent.ctx, ast.Load)
    if isinstance(parent, ast.Call) and parent.args == [use]:
        return facts.is_builtin_call(parent, *EAGER_CONSUMERS)
    if isinstance(parent, ast.Compare | ast.Return) or facts.truth_use(use):
        return True
    if isinstance(parent, ast.For) and parent.iter is use:  # not while it is being extended
        return not any(id(n) in sites for s in parent.body for n in ast.walk(s))
    if isinstance(parent, ast.comprehension) and parent.iter is use:
        return not isinstance(facts.parents[parent], ast.GeneratorExp)
    return False


def _rewrite_concat(facts: Facts, ctx: Context) -> bool:
    for name in sorted(facts.stores):
        if not facts.is_plain_local(name):
            continue
        sites = facts.binding_stmts(name)
        concats = [s for s in sites if _concat_pieces(facts, s, name) is not None]
        if not concats or not any(facts.enclosing_loops(s) for s in concats):
            continue
        fresh = [s for s in sites if s not in concats]
        if not all(isinstance(s, ast.Assign) and fresh_list(facts, s.value)
                   or isinstance(s, ast.AugAssign) and isinstance(s.op, ast.Add) for s in fresh):
            continue
        site_ids = {id(s) for s in concats}
        lefts = {id(_left_operand(s)) for s in concats}
        uses = [u for u in facts.loads.get(name, []) if id(u) not in lefts]
        if not all(_eager_read(facts, u, site_ids) for u in uses):
            continue
        for stmt in concats:
            pieces = _concat_pieces(facts, stmt, name)
            (first, *_) = pieces
            if len(pieces) == 1 and isinstance(first, ast.List) and len(first.elts) == 1 and (
                    not isinstance(first.elts[0], ast.Starred)):
                new = stmts(f"{name}.append({ast.unparse(first.elts[0])})")[0]
            else:  # the pieces are evaluated (in order) before the list grows
                rhs = " + ".join(f"({ast.unparse(p)})" for p in pieces)
                new = stmts(f"{name} += {rhs}")[0]
            facts.replace(stmt, new)
        return True
    return False


def _membership_only(facts: Facts, use: ast.Name) -> str | None:
    """"add" for `name.append(x)` with x hashable, "in" for a membership test with a hashable
    left side, "truth" for a truth test; None for anything a set would answer differently."""
    parent = facts.parents[use]
    call = facts.parents.get(parent)
    if (isinstance(parent, ast.Attribute) and parent.attr == "append"
            and isinstance(call, ast.Call) and call.func is parent):
        ok = len(call.args) == 1 and not call.keywords and is_hashable(
            facts.type_of(call.args[0]))
        return "add" if ok else None
    if (isinstance(parent, ast.Compare) and len(parent.ops) == 1
            and isinstance(parent.ops[0], ast.In | ast.NotIn) and parent.comparators[0] is use):
        return "in" if is_hashable(facts.type_of(parent.left)) else None
    return "truth" if facts.truth_use(use) else None


def _rewrite_list_as_set(facts: Facts, ctx: Context) -> bool:
    if "set" not in facts.builtins:
        return False
    for name in sorted(facts.stores):
        if not facts.is_plain_local(name):
            continue
        sites = facts.binding_stmts(name)
        if not all(isinstance(s, ast.Assign) and len(s.targets) == 1
                   and isinstance(s.value, ast.List) and not s.value.elts for s in sites):
            continue
        uses = facts.loads.get(name, [])
        kinds = [_membership_only(facts, u) for u in uses]
        if None in kinds or "in" not in kinds or "add" not in kinds:
            continue
        if not any(facts.enclosing_loops(u) for u, k in zip(uses, kinds, strict=True)
                   if k == "in"):
            continue
        for site in sites:
            site.value = expr("set()")
        for use, kind in zip(uses, kinds, strict=True):
            if kind == "add":
                facts.parents[use].attr = "add"
        return True
    return False


CONCAT = Rule(
    "list-concat-inplace",
    "list rebuilt with `xs = xs + [...]` in a loop -> in-place append/extend",
    _rewrite_concat,
)
LIST_AS_SET = Rule(
    "membership-list-to-set",
    "local list only appended to and searched with `in` -> set",
    _rewrite_list_as_set,
)
