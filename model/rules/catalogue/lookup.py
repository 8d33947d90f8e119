"""A linear search for the first item with a given key, inside another loop (a join of two
lists, matching records to their owners):

    for order in orders:                          index = {}
        for cust in customers:                    for cust in customers:
            if cust["id"] == order["cid"]:   ->       index.setdefault(cust["id"], cust)
                match = cust                      for order in orders:
                break                                 if order["cid"] in index:
                                                          cust = index[order["cid"]]
                                                          match = cust

The index keeps the first item of each key, as the search finds it, and is built once before
the outermost loop in which the searched list does not change.

Evidence, not proof: keys are taken for hashable (the verifier sees a TypeError), and reading
every item's key must not fail where the search would have stopped before it.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import names_in, stmts
from ..base import Context, Rule
from ..checks import only_inside, pure_expr, unchanged_within
from ..inference import Ty, may_hash

REITERABLE = {"list", "tuple", "set", "frozenset", "dict", "range"}


def _key_of(node: ast.expr, item: str | None) -> bool:
    """`node` reads only `item` (any names, for None): a name, constant subscripts and
    attributes of it, tuples of such."""
    if isinstance(node, ast.Name):
        return item is None or node.id == item
    if isinstance(node, ast.Attribute):
        return _key_of(node.value, item)
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and _key_of(node.value, item)
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(_key_of(e, item) for e in node.elts)
    return item is None and isinstance(node, ast.Constant)


def _search(facts: Facts, loop: ast.AST) -> tuple[ast.expr, ast.expr, list[ast.stmt]] | None:
    """(key, probe, found body) of `for item in xs: if key(item) == probe: body; break`."""
    if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and not loop.orelse
            and len(loop.body) == 1 and isinstance(loop.body[0], ast.If)):
        return None
    test, item = loop.body[0], loop.target.id
    if test.orelse or not test.body or not isinstance(test.body[-1], ast.Break | ast.Return):
        return None
    cmp = test.test
    if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1 and isinstance(cmp.ops[0], ast.Eq)):
        return None
    left, right = cmp.left, cmp.comparators[0]
    key, probe = (left, right) if _key_of(left, item) else (right, left)
    if not _key_of(key, item) or item in names_in(probe) or not (
            pure_expr(facts, probe) or _key_of(probe, None)):
        return None
    body = test.body[:-1] if isinstance(test.body[-1], ast.Break) else test.body
    if any(isinstance(n, ast.Break | ast.Continue) for s in body for n in ast.walk(s)):
        return None
    return key, probe, body


def _anchor(facts: Facts, loop: ast.For, name: str) -> ast.stmt | None:
    """The outermost loop around `loop` in which the list `name` stays unchanged."""
    best = None
    for outer in facts.enclosing_loops(loop):
        if not (unchanged_within(facts, name, outer) and facts.defined_before(name, outer)):
            break
        best = outer
    return best


def _rewrite_index(facts: Facts, ctx: Context) -> bool:
    for loop in facts.scope_nodes:
        found = _search(facts, loop)
        if found is None or not isinstance(loop.iter, ast.Name):
            continue
        key, probe, body = found
        item, items = loop.target.id, loop.iter.id
        kind = facts.type_of(loop.iter)
        if not (isinstance(kind, Ty) and kind.kind in REITERABLE):
            continue  # an iterator would be used up by the index
        if not (may_hash(facts.type_of(probe)) and facts.is_plain_local(item)
                and only_inside(facts, item, loop)):
            continue
        anchor = _anchor(facts, loop, items)
        if anchor is None:
            continue
        index = facts.fresh(f"{items}_by_key")
        build = stmts(f"{index} = {{}}\nfor {item} in {items}:\n"
                      f"    {index}.setdefault({ast.unparse(key)}, {item})")
        block, i = facts.block_of(anchor)
        block[i:i] = build
        probe_text = ast.unparse(probe)
        found_stmts = stmts(f"if {probe_text} in {index}:\n"
                            f"    {item} = {index}[{probe_text}]")
        found_stmts[0].body.extend(body)
        facts.replace(loop, found_stmts[0])
        return True
    return False


INDEX = Rule(
    "search-loop-index",
    "a linear search for the first item with a key, inside another loop -> a dict index "
    "built once",
    _rewrite_index,
)
