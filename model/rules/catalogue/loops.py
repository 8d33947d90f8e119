"""Loops that build a container element by element, and index loops over sequences.

The rewritten forms (comprehensions, Counter, dict.fromkeys) run their loop in C or in a
tighter bytecode loop. A comprehension has its own scope, so the loop variables must not be
used anywhere outside the loop.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import (
    COMPREHENSIONS,
    expr,
    has_any,
    is_const,
    loads_in,
    method_call,
    names_in,
    src,
    stores_in,
)
from ..base import Context, Rule
from ..checks import (
    assigned_name,
    earlier_init,
    is_empty_dict,
    is_empty_list,
    nonnegative,
    only_inside,
    pure_expr,
    remove_stmt,
    unchanged_within,
)
from ..inference import SEQUENCES, Ty, elem_of, is_hashable

_UNSAFE_IN_COMPREHENSION = (ast.NamedExpr, ast.Yield, ast.YieldFrom, ast.Await, ast.Lambda,
                            *COMPREHENSIONS, ast.FunctionDef, ast.ClassDef)


def _skips(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.If) and not stmt.orelse and len(stmt.body) == 1
            and isinstance(stmt.body[0], ast.Continue))


def loop_chain(loop: ast.For) -> tuple[list[ast.comprehension], list[ast.stmt]] | None:
    """The generators of `for a in A: [if c:] for b in B: ... <leaf>` (each level holding a
    single statement) and the leaf statements."""
    gens: list[ast.comprehension] = []
    body: list[ast.stmt] = [loop]
    while True:
        # `if c: continue` first in a loop's body skips the rest: a filter `not c`
        while gens and len(body) > 1 and _skips(body[0]):
            test = body[0].test
            negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
            gens[-1].ifs.append(test.operand if negated else ast.UnaryOp(ast.Not(), test))
            body = body[1:]
        if len(body) != 1:
            break
        node = body[0]
        if isinstance(node, ast.For) and not node.orelse:
            gens.append(ast.comprehension(node.target, node.iter, [], 0))
        elif isinstance(node, ast.If) and not node.orelse and gens:
            gens[-1].ifs.append(node.test)
        else:
            break
        body = node.body
    return (gens, body) if gens else None


def _private_targets(facts: Facts, loop: ast.For, gens: list[ast.comprehension]) -> bool:
    """The loop variables are used only inside the loop, as a comprehension would scope them."""
    names = set().union(*(names_in(g.target) for g in gens))
    return all(facts.is_plain_local(n) and only_inside(facts, n, loop) for n in names)


def comprehensible(facts: Facts, loop: ast.For) -> tuple | None:
    """(generators, leaf) for a loop that could run as a comprehension: nothing in it that a
    comprehension scopes differently, loop variables used only inside, no handler around
    that could see a half-done result."""
    chain = loop_chain(loop)
    if chain is None or has_any(loop, _UNSAFE_IN_COMPREHENSION) or facts.in_try(loop):
        return None
    gens, leaf = chain
    return chain if _private_targets(facts, loop, gens) else None


def fusable(facts: Facts, loop: ast.For, container: str) -> tuple | None:
    """(generators, leaf) for a loop that may become a comprehension feeding `container`."""
    if not isinstance(loop, ast.For) or not facts.is_plain_local(container):
        return None
    if container in stores_in(loop):
        return None
    return comprehensible(facts, loop)


def replace_loop(facts: Facts, init: ast.Assign | ast.AnnAssign, loop: ast.For,
                  value: ast.expr) -> None:
    """The loop becomes the init's assignment of `value` (its annotation kept)."""
    target = ast.Name(assigned_name(init), ast.Store())
    init_value = (ast.AnnAssign(target, init.annotation, value, 1)
                  if isinstance(init, ast.AnnAssign) else ast.Assign([target], value))
    facts.replace(loop, init_value)
    remove_stmt(facts, init)


# -- result = []; for x in xs: result.append(f(x)) -> result = [f(x) for x in xs] -------------

def _rewrite_listcomp(facts: Facts, ctx: Context) -> bool:
    for loop in facts.scope_nodes:
        if not isinstance(loop, ast.For) or loop_chain(loop) is None:
            continue
        _, leaf = loop_chain(loop)
        if not (len(leaf) == 1 and isinstance(leaf[0], ast.Expr)):
            continue
        call = leaf[0].value
        name = call.func.value.id if method_call(call) == "append" else None
        if name is None or call.keywords or len(call.args) != 1:
            continue
        found = fusable(facts, loop, name)
        init = earlier_init(facts, loop, name, lambda v: is_empty_list(facts, v))
        if found is None or init is None or len(loads_in(loop, name)) != 1:
            continue
        if isinstance(call.args[0], ast.Starred):
            continue
        replace_loop(facts, init, loop, ast.ListComp(call.args[0], found[0]))
        return True
    return False


# -- counts = {}; for x in xs: counts[x] = counts.get(x, 0) + 1 -> dict(Counter(xs)) ----------

def _subscript_of(node: ast.AST, name: str) -> ast.expr | None:
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
            and node.value.id == name and not isinstance(node.slice, ast.Slice)):
        return node.slice
    return None


def _is_set(stmt: ast.stmt, name: str, value: int) -> ast.expr | None:
    """The key of `name[key] = value`."""
    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.value, ast.Constant) and stmt.value.value == value
            and type(stmt.value.value) is int):
        return _subscript_of(stmt.targets[0], name)
    return None


def _is_increment(stmt: ast.stmt, name: str) -> ast.expr | None:
    """The key of `name[key] += 1`."""
    if (isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add)
            and isinstance(stmt.value, ast.Constant) and type(stmt.value.value) is int
            and stmt.value.value == 1):
        return _subscript_of(stmt.target, name)
    return None


def _membership(test: ast.expr, name: str) -> tuple[ast.expr, bool] | None:
    """(key, negated) for `key in name` / `key not in name`."""
    if (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.ops[0], ast.In | ast.NotIn)
            and isinstance(test.comparators[0], ast.Name) and test.comparators[0].id == name):
        return test.left, isinstance(test.ops[0], ast.NotIn)
    return None


def counted_key(leaf: list[ast.stmt], name: str) -> ast.expr | None:
    """The key counted by the leaf statements, in any of the usual spellings."""
    keys: list[ast.expr | None] = []
    if len(leaf) == 1 and isinstance(leaf[0], ast.If) and len(leaf[0].body) == 1 and len(
            leaf[0].orelse) == 1:
        found = _membership(leaf[0].test, name)
        if found is None:
            return None
        hit, miss = leaf[0].body[0], leaf[0].orelse[0]
        if found[1]:
            hit, miss = miss, hit
        keys = [found[0], _is_increment(hit, name), _is_set(miss, name, 1)]
    elif len(leaf) == 2 and isinstance(leaf[0], ast.If) and not leaf[0].orelse and len(
            leaf[0].body) == 1:
        found = _membership(leaf[0].test, name)
        if found is None or not found[1]:
            return None
        keys = [found[0], _is_set(leaf[0].body[0], name, 0), _is_increment(leaf[1], name)]
    elif (len(leaf) == 1 and isinstance(leaf[0], ast.Try) and len(leaf[0].body) == 1
          and len(leaf[0].handlers) == 1 and not leaf[0].orelse and not leaf[0].finalbody):
        handler = leaf[0].handlers[0]  # try: d[k] += 1 / except KeyError: d[k] = 1
        if not (isinstance(handler.type, ast.Name) and handler.type.id == "KeyError"
                and handler.name is None and len(handler.body) == 1):
            return None
        keys = [_is_increment(leaf[0].body[0], name), _is_set(handler.body[0], name, 1)]
    elif (len(leaf) == 2 and isinstance(leaf[0], ast.Expr)
          and method_call(leaf[0].value, name) == "setdefault"):
        call = leaf[0].value  # d.setdefault(k, 0); d[k] += 1
        if len(call.args) != 2 or call.keywords or not is_const(call.args[1], 0, int):
            return None
        keys = [call.args[0], _is_increment(leaf[1], name)]
    elif len(leaf) == 1 and isinstance(leaf[0], ast.Assign) and len(leaf[0].targets) == 1:
        value = leaf[0].value
        key = _subscript_of(leaf[0].targets[0], name)
        if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add)
                and isinstance(value.right, ast.Constant) and value.right.value == 1
                and type(value.right.value) is int and method_call(value.left, name) == "get"):
            return None
        get = value.left
        if len(get.args) != 2 or get.keywords or not (
                isinstance(get.args[1], ast.Constant) and get.args[1].value == 0
                and type(get.args[1].value) is int):
            return None
        keys = [key, get.args[0]]
    else:
        return None
    if any(k is None for k in keys) or len({ast.dump(k) for k in keys}) != 1:
        return None
    return keys[0]


def _rewrite_counter(facts: Facts, ctx: Context) -> bool:
    if "dict" not in facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not isinstance(loop, ast.For) or loop_chain(loop) is None:
            continue
        gens, leaf = loop_chain(loop)
        for name in sorted({n.id for n in ast.walk(leaf[0]) if isinstance(n, ast.Name)}):
            key = counted_key(leaf, name)
            if key is None or name in names_in(key) or not pure_expr(facts, key):
                continue
            if any(name in names_in(g) for g in gens) or fusable(facts, loop, name) is None:
                continue
            init = earlier_init(facts, loop, name, lambda v: is_empty_dict(facts, v))
            if init is None:
                continue
            counter = ctx.import_from(facts, "collections", "Counter")
            iterable = ast.GeneratorExp(key, gens)
            it = facts.type_of(gens[0].iter)
            direct = (len(gens) == 1 and not gens[0].ifs and isinstance(key, ast.Name)
                      and isinstance(gens[0].target, ast.Name) and key.id == gens[0].target.id
                      and isinstance(it, Ty) and it.kind in SEQUENCES | {"set", "range"})
            if direct:  # a Mapping would be read as counts, so only plain collections
                iterable = gens[0].iter
            replace_loop(facts, init, loop, expr(f"dict({counter}({src(iterable)}))"))
            return True
    return False


# -- out = []; for x in xs: if x not in out: out.append(x) -> list(dict.fromkeys(xs)) ---------

def _rewrite_dedupe(facts: Facts, ctx: Context) -> bool:
    if not {"list", "dict"} <= facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)
                and not loop.orelse and len(loop.body) == 1):
            continue
        test = loop.body[0]
        if not (isinstance(test, ast.If) and not test.orelse and len(test.body) == 1
                and isinstance(test.body[0], ast.Expr)):
            continue
        call = test.body[0].value
        name = call.func.value.id if method_call(call) == "append" else None
        found = _membership(test.test, name) if name else None
        if found is None or not found[1]:
            continue
        x = loop.target.id
        if not (isinstance(found[0], ast.Name) and found[0].id == x
                and method_call(call, name) == "append" and len(call.args) == 1
                and not call.keywords and isinstance(call.args[0], ast.Name)
                and call.args[0].id == x):
            continue
        if not is_hashable(elem_of(facts.type_of(loop.iter))) or name in names_in(loop.iter):
            continue
        if fusable(facts, loop, name) is None:
            continue
        init = earlier_init(facts, loop, name, lambda v: is_empty_list(facts, v))
        if init is None:
            continue
        replace_loop(facts, init, loop, expr(f"list(dict.fromkeys({src(loop.iter)}))"))
        return True
    return False


# -- for i in range(len(xs)): ... xs[i] ... -> for x in xs / for i, x in enumerate(xs) --------

def _index_loop(facts: Facts, loop: ast.AST) -> tuple[str, ast.expr | None] | None:
    """(sequence name, start) for `for i in range([start,] len(xs))` over an unchanging list,
    tuple or str; start must be surely >= 0 (a negative one would index from the end)."""
    if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and not loop.orelse
            and facts.is_builtin_call(loop.iter, "range") and not loop.iter.keywords):
        return None
    args = loop.iter.args
    if len(args) not in (1, 2) or not facts.is_builtin_call(args[-1], "len"):
        return None
    size = args[-1]
    if len(size.args) != 1 or size.keywords or not isinstance(size.args[0], ast.Name):
        return None
    seq = size.args[0].id
    ty = facts.type_of(size.args[0])
    if not (isinstance(ty, Ty) and ty.kind in SEQUENCES):
        return None
    if not (facts.is_plain_param(seq) or facts.is_plain_local(seq)) or not unchanged_within(
            facts, seq, loop):
        return None
    start = args[0] if len(args) == 2 else None
    if start is not None and not nonnegative(facts, start):
        return None
    return seq, start


def _rewrite_index_loop(facts: Facts, ctx: Context) -> bool:
    for loop in facts.scope_nodes:
        found = _index_loop(facts, loop)
        if found is None:
            continue
        seq, start = found
        i = loop.target.id
        if not facts.is_plain_local(i) or i in stores_in(loop.body) or seq == i:
            continue
        uses = loads_in(loop.body, i)
        items = [u for u in uses if isinstance(facts.parents[u], ast.Subscript)
                 and facts.parents[u].slice is u and isinstance(facts.parents[u].value, ast.Name)
                 and facts.parents[u].value.id == seq
                 and isinstance(facts.parents[u].ctx, ast.Load)]
        if not items:
            continue
        keep_index = (len(items) < len(uses) or not only_inside(facts, i, loop)
                      or len(facts.stores[i]) != 1)
        if keep_index and "enumerate" not in facts.builtins:
            continue
        item = facts.fresh(f"{seq}_{i}")
        for u in items:
            facts.replace(facts.parents[u], ast.Name(item, ast.Load()))
        iterable = seq if start is None else f"{seq}[{src(start)}:]"
        if keep_index:
            extra = "" if start is None else f", {src(start)}"
            loop.iter = expr(f"enumerate({iterable}{extra})")
            loop.target = ast.Tuple([ast.Name(i, ast.Store()), ast.Name(item, ast.Store())],
                                    ast.Store())
        else:
            loop.iter = expr(iterable)
            loop.target = ast.Name(item, ast.Store())
        return True
    return False


LISTCOMP = Rule(
    "append-loop-listcomp",
    "list built by .append() in a for loop -> list comprehension",
    _rewrite_listcomp,
)
COUNTER = Rule(
    "dict-count-counter",
    "dict counting loop -> collections.Counter (counting in C)",
    _rewrite_counter,
)
DEDUPE = Rule(
    "dedupe-dict-fromkeys",
    "quadratic `if x not in out: out.append(x)` deduplication -> list(dict.fromkeys(xs))",
    _rewrite_dedupe,
)
INDEX_LOOP = Rule(
    "range-len-direct-iteration",
    "for i in range(len(xs)) indexing xs[i] -> direct iteration (enumerate when i is needed)",
    _rewrite_index_loop,
)
