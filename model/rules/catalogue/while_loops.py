"""A `while` loop that counts an index by hand:

    i = 0                                   for i in range(len(items)):
    while i < len(items):          ->           ...
        ...
        i += 1

The hand-made loop tests the bound and adds to the counter in bytecode on every pass;
`range` does both in C, and the rules for `for` loops (direct iteration, comprehensions,
Counter, ...) then apply to it too. Only where the two loops are the same: the counter is
changed nowhere else, no `continue` skips the increment, the bound cannot change inside the
loop, and the counter is not read after the loop (range leaves it one short, or unset).
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import int_const, stmts, stores_in, walk_scope
from ..base import Context, Rule
from ..checks import earlier_init, remove_stmt, unchanged_within
from ..inference import INT

_COMPARE = {ast.Lt: 0, ast.LtE: 1}  # i < n -> range(.., n); i <= n -> range(.., n + 1)


def _bound(facts: Facts, test: ast.expr, counter: str) -> tuple[ast.expr, int] | None:
    """(n, 0 or 1) for `counter < n` / `counter <= n` (or `n > counter` / `n >= counter`)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, type(test.ops[0]), test.comparators[0]
    flipped = {ast.Gt: ast.Lt, ast.GtE: ast.LtE}
    if op in flipped:
        left, op, right = right, flipped[op], left
    if op not in _COMPARE or not (isinstance(left, ast.Name) and left.id == counter):
        return None
    return right, _COMPARE[op]


def _fixed(facts: Facts, bound: ast.expr, loop: ast.While) -> bool:
    """An int the loop cannot change: a literal, an unchanged int name, len() of an unchanged
    sized value."""
    if int_const(bound) is not None:
        return True
    if isinstance(bound, ast.BinOp) and isinstance(bound.op, ast.Add | ast.Sub):
        return _fixed(facts, bound.left, loop) and _fixed(facts, bound.right, loop)
    if isinstance(bound, ast.Name):
        return facts.type_of(bound) == INT and unchanged_within(facts, bound.id, loop)
    if facts.is_builtin_call(bound, "len") and len(bound.args) == 1 and isinstance(
            bound.args[0], ast.Name):
        # any sized value the loop does not change (its type need not be known: len() of
        # a value that has none raises the same TypeError before the first pass either way)
        return unchanged_within(facts, bound.args[0].id, loop)
    return False


def _increment(stmt: ast.stmt, counter: str) -> bool:
    return (isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add)
            and isinstance(stmt.target, ast.Name) and stmt.target.id == counter
            and int_const(stmt.value) == 1)


def _skips_increment(facts: Facts, before: list[ast.stmt]) -> bool:
    """A `continue` of this loop before the increment: the hand-made loop repeats the index."""
    if not before:
        return False
    loop = facts.parents.get(before[0])
    return any(isinstance(n, ast.Continue) and facts.loop_of_jump(n) is loop
               for s in before for n in walk_scope(s))


def _rewrite_while(facts: Facts, ctx: Context) -> bool:
    if "range" not in facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not (isinstance(loop, ast.While) and not loop.orelse and len(loop.body) >= 2
                and isinstance(loop.test, ast.Compare)):
            continue
        sides = [loop.test.left, *loop.test.comparators]
        counters = [n.id for n in sides if isinstance(n, ast.Name)
                    and any(_increment(st, n.id) for st in loop.body)]
        counter = counters[0] if len(counters) == 1 else None
        found = _bound(facts, loop.test, counter) if counter else None
        steps = [k for k, st in enumerate(loop.body) if _increment(st, counter)] if found else []
        if len(steps) != 1:
            continue
        step = steps[0]
        before, after = loop.body[:step], loop.body[step + 1:]
        bound, inclusive = found
        init = earlier_init(facts, loop, counter, lambda v: facts.type_of(v) == INT and (
            int_const(v) is not None or isinstance(v, ast.Name)))
        sites = facts.binding_stmts(counter)
        if not (init is not None and init in sites and len(sites) == 2
                and loop.body[step] in sites and facts.is_plain_local(counter)):
            continue
        # read before the increment only: afterwards the hand-made counter is one ahead
        reads = facts.region(before)
        if (not _fixed(facts, bound, loop) or _skips_increment(facts, before)
                or counter in facts.nested
                or not all(id(u) in reads for u in facts.loads.get(counter, [])
                           if u is not loop.test.left and u not in loop.test.comparators)):
            continue
        block, at = facts.block_of(loop)
        between = block[block.index(init) + 1:at]
        if isinstance(init.value, ast.Name) and init.value.id in stores_in(between):
            continue  # the start moves to the loop: its value must be the same there
        stop = ast.unparse(bound) + (" + 1" if inclusive else "")
        start = ast.unparse(init.value)
        spec = stop if int_const(init.value) == 0 else f"{start}, {stop}"
        new = stmts(f"for {counter} in range({spec}):\n    pass")[0]
        new.body = before + after
        facts.replace(loop, new)
        remove_stmt(facts, init)
        return True
    return False


WHILE_RANGE = Rule(
    "while-counter-range",
    "a while loop counting an index by hand -> for ... in range(...)",
    _rewrite_while,
)
