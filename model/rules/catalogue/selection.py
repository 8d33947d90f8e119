"""Sorting everything to use a few items, or to keep a list in order.

- The first k of a full sort: `sorted(xs, key=f, reverse=True)[:k]` sorts all n items to keep
  k. `heapq.nlargest(k, xs, key=f)` is documented to equal it (ties in input order) in
  O(n log k). The sort may be spelled inline, as a local sorted just before, or as an in-place
  `.sort()` of a local list that nothing reads afterwards but the slice.
- The first item of a sort: `xs.sort(); x = xs[0]` is `min(xs)` (the first of equal items,
  as a stable sort leaves it), when the list's order is read nowhere else.
- A list sorted again after each append: `bisect.insort` puts the item where the stable sort
  would (after equal items) in O(log n) comparisons.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import expr, is_const, method_call
from ..base import Context, Rule
from ..checks import assigned_name, else_branch, is_empty_list, remove_stmt
from .containers import fresh_list


def _head(node: ast.AST) -> ast.expr | None:
    """k of `E[:k]`."""
    if (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
            and isinstance(node.slice, ast.Slice) and node.slice.lower is None
            and node.slice.step is None and node.slice.upper is not None):
        return node.slice.upper
    return None


def _order(keywords: list[ast.keyword]) -> tuple[ast.expr | None, bool] | None:
    """(key, reverse) of a sort's keywords, when reverse is absent or a bool literal."""
    found = {k.arg: k.value for k in keywords}
    if None in found or set(found) - {"key", "reverse"}:
        return None
    reverse = found.get("reverse", ast.Constant(False))
    if not is_const(reverse, kind=bool):
        return None
    return found.get("key"), reverse.value


def _simple(node: ast.expr) -> bool:
    """Evaluating it twice is the same as once: a name, a constant, an attribute of a name."""
    return isinstance(node, ast.Name | ast.Constant) or (
        isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name))


def _selection(facts: Facts, ctx: Context, k: ast.expr, items: ast.expr,
               key: ast.expr | None, reverse: bool) -> ast.expr:
    pick = ctx.import_from(facts, "heapq", "nlargest" if reverse else "nsmallest")
    key_arg = [ast.keyword("key", key)] if key is not None else []
    call = ast.Call(ast.Name(pick, ast.Load()), [k, items], key_arg)
    if isinstance(k, ast.Constant) and type(k.value) is int and k.value > 0:
        return call
    # k < 0 means "all but the last", a non-int slice bound is legal, and for k == 0 heapq
    # returns at once where the sort reads an iterator to its end: keep the sort there
    keys = [*key_arg, ast.keyword("reverse", ast.Constant(True))] if reverse else key_arg
    fallback = ast.Subscript(ast.Call(ast.Name("sorted", ast.Load()), [items], keys),
                             ast.Slice(None, k, None), ast.Load())
    guard = expr(f"type({ast.unparse(k)}) is int and {ast.unparse(k)} > 0")
    return ast.IfExp(guard, call, fallback)


def _is_fallback(facts: Facts, node: ast.AST) -> bool:
    """The sort this rule keeps for a k that heapq would answer differently."""
    guard = else_branch(facts, node)
    return (guard is not None and isinstance(guard.test, ast.BoolOp) and facts.is_builtin_call(
        guard.test.values[0].left if isinstance(guard.test.values[0], ast.Compare)
        else None, "type"))


def _sorted_call(facts: Facts, node: ast.AST) -> tuple[ast.expr, ast.expr | None, bool] | None:
    if facts.is_builtin_call(node, "sorted") and len(node.args) == 1 and not isinstance(
            node.args[0], ast.Starred):
        order = _order(node.keywords)
        if order is not None:
            return node.args[0], *order
    return None


def _position(node: ast.AST) -> tuple[int, int]:
    """Where `node` stands in the source; nodes an earlier rule made count as last."""
    return getattr(node, "lineno", 1 << 30), getattr(node, "col_offset", 0)


def _just_before(facts: Facts, stmt: ast.stmt, use: ast.AST) -> bool:
    """`stmt` comes right before the statement holding `use`, in the same block."""
    holder = facts.stmt_of(use)
    try:
        block, i = facts.block_of(holder)
    except LookupError:
        return False
    return i > 0 and block[i - 1] is stmt


def _rewrite_topk(facts: Facts, ctx: Context) -> bool:
    if "sorted" not in facts.builtins or "type" not in facts.builtins:
        return False
    for node in facts.scope_nodes:
        k = _head(node)
        if k is None or not _simple(k) or _is_fallback(facts, node):
            continue
        inline = _sorted_call(facts, node.value)
        if inline is not None:
            facts.replace(node, _selection(facts, ctx, k, *inline))
            return True
        if not isinstance(node.value, ast.Name) or not facts.is_plain_local(node.value.id):
            continue
        name = node.value.id
        loads = facts.loads.get(name, [])
        sites = facts.binding_stmts(name)
        # `r = sorted(...)` just before `... r[:k] ...`, r read nowhere else
        if len(sites) == 1 and len(loads) == 1 and assigned_name(sites[0]) == name:
            found = _sorted_call(facts, sites[0].value)
            if found is not None and _just_before(facts, sites[0], node):
                remove_stmt(facts, sites[0])
                facts.replace(node, _selection(facts, ctx, k, *found))
                return True
        # `r.sort(...)` just before `... r[:k] ...`, r read afterwards only there
        block, i = facts.block_of(facts.stmt_of(node))
        sort = block[i - 1] if i > 0 else None
        call = sort.value if isinstance(sort, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "sort" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == name and not call.args):
            continue
        order = _order(call.keywords)
        start = (sort.lineno, sort.col_offset)
        after = sorted((_position(u), id(u)) for u in loads if _position(u) >= start)
        if order is None or {i for _, i in after} != {id(call.func.value), id(node.value)}:
            continue
        if not all(assigned_name(s) == name and fresh_list(facts, s.value) for s in sites):
            continue  # sorting a caller's list in place is visible to the caller
        if facts.enclosing_loops(node) != facts.enclosing_loops(sort):
            continue
        remove_stmt(facts, sort)
        facts.replace(node, _selection(facts, ctx, k, ast.Name(name, ast.Load()), *order))
        return True
    return False


TOPK = Rule(
    "topk-heapq",
    "the first k of a full sort -> heapq.nlargest/nsmallest (same items, ties in input order)",
    _rewrite_topk,
)


# -- xs.append(v); xs.sort() -> bisect.insort(xs, v) ------------------------------------------

def _sort_call(stmt: ast.stmt | None, name: str) -> tuple[ast.expr | None, bool] | None:
    """(key, reverse) of a statement `name.sort(...)`."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if (isinstance(call, ast.Call) and method_call(call, name) == "sort" and not call.args):
        return _order(call.keywords)
    return None


def _append_sort_pairs(facts: Facts, name: str) -> list[tuple[ast.Expr, ast.Expr]] | None:
    """Every `name.append(v)` directly followed by `name.sort()` (ascending); None when the
    list is changed any other way, or sorted without an append before."""
    pairs, used = [], set()
    for use in facts.loads.get(name, []):
        stmt = facts.stmt_of(use)
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if method_call(call, name) == "append" and call.func.value is use:
            block, i = facts.block_of(stmt)
            order = _sort_call(block[i + 1] if i + 1 < len(block) else None, name)
            if order is None or order[1] or len(call.args) != 1 or call.keywords:
                return None
            pairs.append((stmt, block[i + 1]))
            used |= {id(use), id(block[i + 1].value.func.value)}
    for use in facts.loads.get(name, []):
        if id(use) not in used and not facts.read_only_use(use):
            return None
    return pairs


def _rewrite_insort(facts: Facts, ctx: Context) -> bool:
    for name in sorted(facts.stores):
        if not facts.is_plain_local(name):
            continue
        sites = facts.binding_stmts(name)
        if not all(assigned_name(s) == name and (
                is_empty_list(facts, s.value) or _sorted_call(facts, s.value)) for s in sites):
            continue
        pairs = _append_sort_pairs(facts, name)
        if not pairs:
            continue
        insort = ctx.import_from(facts, "bisect", "insort")
        for append, sort in pairs:
            key, _ = _sort_call(sort, name)
            key_arg = [ast.keyword("key", key)] if key is not None else []
            append.value = ast.Call(ast.Name(insort, ast.Load()),
                                    [ast.Name(name, ast.Load()), append.value.args[0]], key_arg)
            remove_stmt(facts, sort)
        return True
    return False


# -- xs.sort(); first = xs[0] -> first = min(xs) ----------------------------------------------

def _rewrite_sort_first(facts: Facts, ctx: Context) -> bool:
    if not {"min", "max"} <= facts.builtins:
        return False
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and isinstance(node.value.func.value, ast.Name)):
            continue
        name = node.value.func.value.id
        order = _sort_call(node, name)
        if order is None or not facts.is_plain_local(name):
            continue
        if not all(assigned_name(s) == name and fresh_list(facts, s.value)
                   for s in facts.binding_stmts(name)):
            continue
        firsts, ok = [], True
        for use in facts.loads.get(name, []):
            parent = facts.parents[use]
            call = facts.parents.get(parent)
            if use is node.value.func.value or facts.truth_use(use) or (
                    method_call(call, name) in {"append", "extend"} and call.func is parent) or (
                    facts.is_builtin_call(parent, "len")):
                continue  # none of these sees the order
            if (isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Load)
                    and is_const(parent.slice, 0, int)
                    and _position(use) > _position(node)
                    and facts.enclosing_loops(use) == facts.enclosing_loops(node)):
                firsts.append(parent)
                continue
            ok = False
        if not ok or len(firsts) != 1:
            continue
        key, reverse = order
        key_arg = [ast.keyword("key", key)] if key is not None else []
        pick = ast.Call(ast.Name("max" if reverse else "min", ast.Load()),
                        [ast.Name(name, ast.Load())], key_arg)
        # an empty list raises IndexError on [0], where min() would raise ValueError
        facts.replace(firsts[0], ast.IfExp(ast.Name(name, ast.Load()), pick, firsts[0]))
        remove_stmt(facts, node)
        return True
    return False


INSORT = Rule(
    "sorted-list-insort",
    "a list sorted again after each append -> bisect.insort into the sorted list",
    _rewrite_insort,
)
SORT_FIRST = Rule(
    "sort-then-first-min",
    "a list sorted only to read its first item -> min()/max() (first of equal items)",
    _rewrite_sort_first,
)
