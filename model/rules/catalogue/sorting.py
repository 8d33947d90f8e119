"""Hand-written insertion and bubble sorts.

A stable sort (strict comparisons) of values with a total order has exactly one result, the one
`list.sort()` gives. With a user key function the key values' order is unknown, so the rule
keeps the very same comparisons and only stops recomputing the key: each element's key is
computed once (in index order, the order in which these sorts first touch elements) and moved
alongside its element. Both sorts touch every element when the list has two or more, so the
keys are computed only then.
"""

from __future__ import annotations

import ast
import functools
import itertools

from ..analysis import Facts
from ..ast_tools import call_name, clone, names_in, stmts
from ..base import Context, Rule
from ..checks import earlier_init, only_inside
from ..inference import BOOL, INT, STR, Ty, elem_of, is_totally_ordered

_INSERTION_SWAP = """
for {i} in range(1, {N}):
    {j} = {i}
    while {j} > 0 and {cond}:
        {swap}
        {dec}
"""
_INSERTION_SHIFT = """
for {i} in range(1, {N}):
    {key} = {L}[{i}]
    {j} = {i} - 1
    while {j} >= 0 and {cond}:
        {L}[{j} + 1] = {L}[{j}]
        {dec}
    {L}[{j} + 1] = {key}
"""
_BUBBLE = """
for {i} in range({N}{outer}):
    for {j} in range({start}{inner}):
        if {cond}:
            {swap}
"""
_BUBBLE_FLAG = """
for {i} in range({N}{outer}):
    {flag} = False
    for {j} in range({start}{inner}):
        if {cond}:
            {swap}
            {flag} = True
    if not {flag}:
        break
"""
_DECS = ("{j} -= 1", "{j} = {j} - 1")


def _swaps(a: str, b: str) -> tuple[str, ...]:
    return (f"{{L}}[{a}], {{L}}[{b}] = {{L}}[{b}], {{L}}[{a}]",
            f"{{L}}[{b}], {{L}}[{a}] = {{L}}[{a}], {{L}}[{b}]")


def _conds(prev: str, cur: str) -> list[tuple[str, bool]]:
    """(condition, descending) for "move `cur` before `prev`" in a stable sort."""
    return [(f"{prev} > {cur}", False), (f"{cur} < {prev}", False),
            (f"{prev} < {cur}", True), (f"{cur} > {prev}", True)]


def _family(loop: ast.For) -> str:
    """Which template family could match, from the shape of the loop body alone."""
    return "".join(type(s).__name__[0] for s in loop.body)  # e.g. "AW" = Assign, While


def _spellings(names: dict[str, str], key_fn: str | None, family: str):
    """(template text, descending) for every spelling of the sorts over these names whose
    body has the given shape."""

    def k(arg: str) -> str:
        return f"{key_fn}({arg})" if key_fn else arg

    L, j = names["L"], names["j"]
    sizes = [f"len({L})"] + ([names["n"]] if "n" in names else [])
    for N, dec in itertools.product(sizes, _DECS if family in ("AW", "AAWA") else ()):
        fill = dict(names, N=N, dec=dec.format(**names))
        for (cond, desc), swap in itertools.product(
                _conds(k(f"{L}[{j} - 1]"), k(f"{L}[{j}]")), _swaps(f"{j} - 1", j)):
            yield _INSERTION_SWAP.format(cond=cond, swap=swap.format(**names), **fill), desc
        if "key" in names:
            for cond, desc in _conds(k(f"{L}[{j}]"), k(names["key"])):
                yield _INSERTION_SHIFT.format(cond=cond, **fill), desc
    i = names["i"]
    for N, outer, start, inner, template in itertools.product(
            sizes, ("", " - 1"), ("", "0, "), ("{N} - {i} - 1", "{N} - 1 - {i}"),
            {"F": (_BUBBLE,), "AFI": (_BUBBLE_FLAG,)}.get(family, ())):
        fill = dict(names, N=N, outer=outer, start=start, inner=inner.format(N=N, i=i))
        for (cond, desc), swap in itertools.product(
                _conds(k(f"{L}[{j}]"), k(f"{L}[{j} + 1]")), _swaps(j, f"{j} + 1")):
            yield template.format(cond=cond, swap=swap.format(**names), **fill), desc


@functools.lru_cache(maxsize=256)
def _dumps(names: tuple[tuple[str, str], ...], key_fn: str | None, family: str) -> dict:
    return {ast.dump(stmts(text)[0]): desc
            for text, desc in _spellings(dict(names), key_fn, family)}


def _match(loop: ast.For, names: dict[str, str], key_fn: str | None) -> bool | None:
    """Whether the sort is descending, when `loop` is exactly one spelling of a sort."""
    spellings = _dumps(tuple(sorted(names.items())), key_fn, _family(loop))
    return spellings.get(ast.dump(loop)) if spellings else None


def _sort_names(facts: Facts, loop: ast.AST) -> dict[str, str] | None:
    """Candidate placeholder names, read off the fixed positions of the templates."""
    if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.body
            and facts.is_builtin_call(loop.iter, "range") and loop.iter.args):
        return None
    names = {"i": loop.target.id}
    stores = [s.targets[0].id for s in loop.body
              if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)]
    inner = [s for s in loop.body if isinstance(s, ast.For) and isinstance(s.target, ast.Name)]
    subscripts = [n.value.id for n in ast.walk(loop)
                  if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)]
    if not subscripts:
        return None
    names["L"] = subscripts[0]
    if inner:  # bubble sort
        names["j"] = inner[0].target.id
        if stores:
            names["flag"] = stores[0]
    elif len(stores) >= 2:  # insertion sort, shifting
        names["key"], names["j"] = stores[:2]
    elif stores:  # insertion sort, swapping
        names["j"] = stores[0]
    else:
        return None
    size = loop.iter.args[-1]
    while isinstance(size, ast.BinOp):
        size = size.left
    if isinstance(size, ast.Name):
        names["n"] = size.id
    return names


def _size_ok(facts: Facts, loop: ast.For, names: dict[str, str]) -> bool:
    """A size variable `n` must be `len(L)` assigned just before, with nothing in between
    touching L or n."""
    n, L = names.get("n"), names["L"]
    if n is None or n not in names_in(loop):
        return True
    if not facts.is_plain_local(n) or len(facts.stores[n]) != 1:
        return False

    def is_len(value: ast.expr) -> bool:
        return (facts.is_builtin_call(value, "len") and len(value.args) == 1
                and isinstance(value.args[0], ast.Name) and value.args[0].id == L)

    init = earlier_init(facts, loop, n, is_len)
    if init is None:
        return False
    block, i = facts.block_of(loop)
    start = next(k for k, s in enumerate(block) if s is init)
    return not any(L in names_in(s) for s in block[start + 1:i])


def _rewrite(facts: Facts, ctx: Context) -> bool:
    if not {"range", "len"} <= facts.builtins:
        return False
    for loop in facts.scope_nodes:
        names = _sort_names(facts, loop)
        if names is None:
            continue
        ty = facts.type_of(ast.Name(names["L"], ast.Load()))
        if not (isinstance(ty, Ty) and ty.kind == "list") or facts.in_try(loop):
            continue
        helpers = [names[h] for h in ("i", "j", "key", "flag") if h in names]
        if len(set(helpers) | {names["L"], names.get("n")}) != len(helpers) + 2:
            continue
        if not all(facts.is_plain_local(h) and only_inside(facts, h, loop) for h in helpers):
            continue
        if not _size_ok(facts, loop, names):
            continue
        key_fns = sorted({call_name(c) for c in ast.walk(loop) if call_name(c)} - {"range"})
        for key_fn in [None, *key_fns]:
            desc = _match(loop, names, key_fn)
            if desc is not None and _apply(facts, loop, names, key_fn, desc):
                return True
    return False


def _builtin_key_ok(key_fn: str, elem) -> bool:
    """Builtin keys that cannot raise on these elements and give totally ordered keys."""
    if key_fn == "len":
        return isinstance(elem, Ty) and elem.kind in {"str", "bytes", "list", "tuple"}
    if key_fn == "abs":
        return elem in (INT, BOOL)
    if key_fn == "str":
        return elem in (INT, BOOL, STR)
    return False


def _apply(facts: Facts, loop: ast.For, names: dict[str, str], key_fn: str | None,
           desc: bool) -> bool:
    L = names["L"]
    local = facts.is_plain_local(L)
    if not (local or facts.is_plain_param(L)):
        return False
    elem = elem_of(facts.type_of(ast.Name(L, ast.Load())))
    reverse = "reverse=True" if desc else ""
    if key_fn is None:
        if not is_totally_ordered(elem):
            return False
        facts.replace(loop, stmts(f"{L}.sort({reverse})")[0])
        return True
    if key_fn in facts.bound:
        return False
    if key_fn in facts.builtins:
        if not _builtin_key_ok(key_fn, elem):
            return False
        facts.replace(loop, stmts(f"{L}.sort(key={key_fn}{', ' if reverse else ''}{reverse})")[0])
        return True
    if not local:  # a key that raises midway would leave a caller's list half sorted
        return False
    _decorate(facts, loop, names, key_fn)
    return True


def _decorate(facts: Facts, loop: ast.For, names: dict[str, str], key_fn: str) -> None:
    """Keep the sort, with each key computed once and moved with its element."""
    L, key = names["L"], names.get("key")
    keys, item = facts.fresh(f"{L}_keys"), facts.fresh("item")
    twin = {L: keys}
    if key:
        twin[key] = facts.fresh(f"{key}_key")
    calls = [c for c in ast.walk(loop) if call_name(c) == key_fn and len(c.args) == 1]
    for call in calls:  # key_fn(L[e]) -> keys[e], key_fn(key) -> key_key
        arg = call.args[0]
        if isinstance(arg, ast.Subscript):
            facts.replace(call, ast.Subscript(ast.Name(keys, ast.Load()), arg.slice, ast.Load()))
        else:
            facts.replace(call, ast.Name(twin[key], ast.Load()))
    for node in list(ast.walk(loop)):  # every move of an element gets the same move of its key
        for block in (getattr(node, "body", None), getattr(node, "orelse", None)):
            if not isinstance(block, list):
                continue
            for stmt in list(block):
                if _moves_element(stmt, L, key):
                    twin_stmt = clone(stmt)
                    for n in ast.walk(twin_stmt):
                        if isinstance(n, ast.Name) and n.id in twin:
                            n.id = twin[n.id]
                    block.insert(block.index(stmt) + 1, twin_stmt)
    init = stmts(f"{keys} = [{key_fn}({item}) for {item} in {L}] if len({L}) > 1 else []")
    block, i = facts.block_of(loop)
    block[i:i] = init


def _moves_element(stmt: ast.stmt, L: str, key: str | None) -> bool:
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return False
    target = stmt.targets[0]
    if isinstance(target, ast.Name):
        return target.id == key
    parts = target.elts if isinstance(target, ast.Tuple) else [target]
    return any(isinstance(p, ast.Subscript) and isinstance(p.value, ast.Name) and p.value.id == L
               for p in parts)


RULE = Rule(
    "hand-written-sort",
    "hand-written stable insertion/bubble sort -> list.sort(), or keys computed once per element",
    _rewrite,
)
