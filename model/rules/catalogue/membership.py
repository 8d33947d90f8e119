"""A growing list searched with `in`: every search walks the whole list, so a loop that adds
and searches is quadratic (de-duplication, "seen" lists, visited lists). A set that grows
with the list answers the searches; the list stays, so order and the result are kept.

Evidence, not proof: the values added and searched for need only not be known unhashable
(a set raises where a list would not, and the verifier sees it on the inputs).
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import method_call, stmts
from ..base import Context, Rule
from ..checks import assigned_name, insert_stmts, is_empty_list
from ..inference import may_hash
from .containers import fresh_list


def _uses(facts: Facts, name: str) -> tuple[list[ast.Compare], list[ast.Expr]] | None:
    """The membership tests on `name` and the `name.append(v)` statements, when every other
    use only reads the list; None when anything else could see the set missing."""
    tests, appends = [], []
    for use in facts.loads.get(name, []):
        parent = facts.parents[use]
        call = facts.parents.get(parent)
        stmt = facts.parents.get(call) if call is not None else None
        if (isinstance(parent, ast.Compare) and len(parent.ops) == 1
                and isinstance(parent.ops[0], ast.In | ast.NotIn)
                and parent.comparators[0] is use):
            if not may_hash(facts.type_of(parent.left)):
                return None
            tests.append(parent)
        elif (method_call(call, name) == "append" and call.func is parent
              and len(call.args) == 1 and not call.keywords
              and isinstance(call.args[0], ast.expr) and not isinstance(call.args[0], ast.Starred)
              and isinstance(stmt, ast.Expr)):
            if not may_hash(facts.type_of(call.args[0])):
                return None
            appends.append(stmt)
        elif not facts.read_only_use(use) or method_call(call, name) in {"index", "count"}:
            return None
    return tests, appends


def _inits(facts: Facts, name: str) -> list[ast.stmt] | None:
    """Every binding of `name`: a new list, assigned (or annotated) as a statement."""
    sites = facts.binding_stmts(name)
    if all(assigned_name(s) == name and fresh_list(facts, s.value) for s in sites):
        return sites
    return None


def _rewrite_shadow_set(facts: Facts, ctx: Context) -> bool:
    if "set" not in facts.builtins:
        return False
    for name in sorted(facts.stores):
        if not facts.is_plain_local(name):
            continue
        inits = _inits(facts, name)
        found = _uses(facts, name) if inits else None
        if not found or not found[0] or not found[1]:
            continue
        tests, appends = found
        if not any(facts.enclosing_loops(t) for t in tests):
            continue
        seen = facts.fresh(f"{name}_set")
        for test in tests:
            test.comparators[0] = ast.Name(seen, ast.Load())
        for stmt in appends:
            value = stmt.value.args[0]
            # a name or constant is read again; anything else is read back from the list, so
            # it is evaluated once, as before
            again = ast.unparse(value) if isinstance(value, ast.Name | ast.Constant) else (
                f"{name}[-1]")
            insert_stmts(facts, stmt, stmts(f"{seen}.add({again})"), after=True)
        for site in inits:
            start = "set()" if is_empty_list(facts, site.value) else f"set({name})"
            insert_stmts(facts, site, stmts(f"{seen} = {start}"), after=True)
        return True
    return False


SHADOW_SET = Rule(
    "membership-shadow-set",
    "growing list searched with `in` -> a set that grows with it answers the searches",
    _rewrite_shadow_set,
)
