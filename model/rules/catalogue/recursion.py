"""Pure recursion without a memo: the same sub-calls are computed again and again
(exponential where a memo makes it polynomial). The body moves into an inner function
cached for one call of the outer one only: no state is kept between calls. Parameters that
every recursive call passes on unchanged stay outside the cache key (they may be lists).

Evidence, not proof: arguments are not known unhashable, parameters are never mutated, and
results of recursive calls are never mutated; the verifier checks the rest (printing,
errors, depth).
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import clone, method_call, names_in, stmts
from ..base import Context, Rule
from ..inference import Ty, may_hash

NUMERIC_BUILTINS = {"len", "min", "max", "abs", "int", "divmod", "round"}
MUTATING = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add",
            "discard", "update", "setdefault", "popitem"}  # fmt: skip


def _calls(facts: Facts) -> tuple[list[ast.Call], str | None] | None:
    """The recursive calls (`f(...)`, or `self.f(...)` in a method) and the receiver's
    name; None when the function's name is used any other way."""
    fn, out = facts.fn, []
    first = fn.args.args[0].arg if fn.args.args else None
    receiver = first if first in {"self", "cls"} and facts.is_plain_param(first) else None
    for node in facts.scope_nodes:
        if isinstance(node, ast.Name) and node.id == fn.name:
            call = facts.parents.get(node)
            if fn.name in facts.bound or not (isinstance(call, ast.Call) and call.func is node):
                return None
            out.append(call)
        elif (receiver and isinstance(node, ast.Attribute) and node.attr == fn.name
              and isinstance(node.value, ast.Name) and node.value.id == receiver):
            call = facts.parents.get(node)
            if not (isinstance(call, ast.Call) and call.func is node):
                return None
            out.append(call)
    return out, receiver


def _bound(call: ast.Call, params: list[str]) -> dict[str, ast.expr] | None:
    """Parameter -> argument expression of one call; None for *args/**kwargs in it."""
    if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > len(params):
        return None
    out = dict(zip(params, call.args, strict=False))
    for kw in call.keywords:
        if kw.arg is None or kw.arg not in params or kw.arg in out:
            return None
        out[kw.arg] = kw.value
    return out


def _pure(facts: Facts, calls: list[ast.Call]) -> bool:
    """No parameter, and no value a recursive call returned, is changed in place."""
    ids = {id(c) for c in calls}
    from_calls = {n for n in facts.stores if any(
        id(c) in ids for s in facts.binding_stmts(n) for c in ast.walk(s))}
    watched = facts.params | from_calls
    for node in facts.scope_nodes:
        if isinstance(node, ast.Subscript | ast.Attribute) and not isinstance(node.ctx, ast.Load):
            if names_in(node.value) & watched:
                return False
        elif (isinstance(node, ast.Call) and method_call(node) in MUTATING
              and node.func.value.id in watched):
            return False
    return True


def _rewrite_memo(facts: Facts, ctx: Context) -> bool:
    fn, a = facts.fn, facts.fn.args
    if a.vararg or a.kwarg or a.kwonlyargs or fn.decorator_list:
        return False
    found = _calls(facts)
    if not found or not found[0] or not _pure(facts, found[0]):
        return False
    calls, receiver = found
    params = [p.arg for p in a.posonlyargs + a.args]
    own = params[1:] if receiver else params  # what a recursive call binds
    bindings = [_bound(c, own) for c in calls]
    if None in bindings:
        return False
    fixed = {p for p in own if facts.is_plain_param(p) and all(
        isinstance(b.get(p), ast.Name) and b[p].id == p for b in bindings)}
    varying = [p for p in own if p not in fixed]
    if not _overlapping(facts, calls, bindings, varying):
        return False
    if not varying or any(not may_hash(facts.type_of(ast.Name(p, ast.Load())))
                          or _known_mutable(facts, p) for p in varying):
        return False
    cache = ctx.import_from(facts, "functools", "lru_cache")
    inner = facts.fresh(f"_{fn.name}")
    for call in calls:
        call.func = ast.Name(inner, ast.Load())
        call.args = [v for p, v in zip(own, call.args, strict=False) if p not in fixed]
        call.keywords = [k for k in call.keywords if k.arg not in fixed]
    defaults = dict(zip(params[len(params) - len(a.defaults):], a.defaults, strict=True))
    body = fn.body
    doc = [body[0]] if ast.get_docstring(fn, clean=False) is not None else []
    new = stmts(f"@{cache}(maxsize=None, typed=True)\ndef {inner}({', '.join(varying)}): pass\n"
                f"return {inner}({', '.join(varying)})")  # fmt: skip
    new[0].args.defaults = [clone(defaults[p]) for p in varying if p in defaults]
    new[0].body = body[len(doc):] or [ast.Pass()]
    fn.body = doc + new
    return True


def _derived(node: ast.expr, params: set[str], items: frozenset[str] = frozenset()) -> bool:
    """An argument computed from the parameters by arithmetic, slicing or packing (`n - 1`,
    `s[1:]`, `(r + 1, c)`): such sub-calls meet again. An item taken from a structure (a
    child node) is visited once, and a memo would only cost."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id in params
    if isinstance(node, ast.BinOp | ast.UnaryOp):
        parts = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.operand]
        return all(_derived(p, params, items) for p in parts)
    if isinstance(node, ast.Subscript):
        if not isinstance(node.slice, ast.Slice) and names_in(node.value) & items:
            return False  # node["kids"]: an item of the structure
        return _derived(node.value, params, items) and all(
            _derived(p, params, items) for p in ast.walk(node.slice)
            if isinstance(p, ast.Name | ast.Constant))
    if isinstance(node, ast.Tuple):
        return all(_derived(e, params, items) for e in node.elts)
    if isinstance(node, ast.Attribute):  # self.longest: a setting; tree.left: an item
        return isinstance(node.value, ast.Name) and node.value.id in params - items
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in NUMERIC_BUILTINS and not node.keywords):
        return all(_derived(a, params, items) for a in node.args)
    return False


def _derivable(facts: Facts, items: frozenset[str]) -> set[str]:
    """Parameters, and locals computed from them (`k = n // 2`, `for i in range(n)`)."""
    names = set(facts.params)
    for _ in range(3):
        for name in facts.stores:
            sites = facts.binding_stmts(name)
            if sites and all(_bound_from(site, names, facts.params, items) for site in sites):
                names.add(name)
    return names


def _bound_from(site: ast.AST, names: set[str], params: set[str], items: frozenset[str]) -> bool:
    if isinstance(site, ast.Assign | ast.AugAssign | ast.AnnAssign) and site.value is not None:
        return _derived(site.value, names, items)
    if isinstance(site, ast.For | ast.comprehension):
        it = site.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
            return all(_derived(a, names, items) for a in it.args)
        # items of a structure the call was given (node.children) are each visited once;
        # items of a constant of the module (the coin values) are not
        return not names_in(it) & params
    return False


def _overlapping(facts: Facts, calls: list[ast.Call], bindings: list[dict],
                 varying: list[str]) -> bool:
    """Sub-problems that overlap: two or more recursive calls (or one in a loop), each
    passing arguments derived from the parameters and the function's own locals."""
    items = frozenset(varying)
    derivable = _derivable(facts, items)
    if len(calls) < 2 and not any(facts.enclosing_loops(c) or facts.repeated_in_comprehension(c)
                                  for c in calls):
        return False
    return all(_derived(b[p], derivable, items) for b in bindings for p in varying if p in b)


def _known_mutable(facts: Facts, name: str) -> bool:
    ty = facts.type_of(ast.Name(name, ast.Load()))
    return isinstance(ty, Ty) and ty.kind in {"list", "dict", "set"}


MEMO = Rule(
    "recursion-local-memo",
    "pure recursion recomputing sub-calls -> a memo for one call (functools.lru_cache on an "
    "inner function)",
    _rewrite_memo,
)
