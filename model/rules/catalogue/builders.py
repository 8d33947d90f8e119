"""Loops that only build a collection or a total, item by item (Ruff's PERF401/PERF403):

    d = {}                                   d = {k: v for k, v in pairs if v}
    for k, v in pairs:               ->
        if v:
            d[k] = v

The same for a set (`s.add(x)`) and for an int total (`n += len(x)` -> `n += sum([...])`):
a comprehension runs the loop in one frame without a method lookup and call per item.
Items go in in the same order, so later keys overwrite earlier ones as before. A running
maximum (`if best is None or x > best: best = x`) is `max(xs, default=None)`: both keep the
first of equal items.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import loads_in, method_call
from ..base import Context, Rule
from ..checks import earlier_init, is_empty_dict
from ..inference import INT
from .loops import comprehensible, fusable, loop_chain, replace_loop


def _is_empty_set(facts: Facts, node: ast.expr) -> bool:
    return facts.is_builtin_call(node, "set") and not node.args and not node.keywords


def _rewrite_builders(facts: Facts, ctx: Context) -> bool:
    for loop in facts.scope_nodes:
        chain = loop_chain(loop) if isinstance(loop, ast.For) else None
        if chain is None or len(chain[1]) != 1:
            continue
        gens, (leaf,) = chain
        if (isinstance(leaf, ast.Assign) and len(leaf.targets) == 1
                and isinstance(leaf.targets[0], ast.Subscript)
                and isinstance(leaf.targets[0].value, ast.Name)
                and not isinstance(leaf.targets[0].slice, ast.Slice)):
            name = leaf.targets[0].value.id
            made = ast.DictComp(leaf.targets[0].slice, leaf.value, gens)
            empty = is_empty_dict
        elif (isinstance(leaf, ast.Expr) and method_call(leaf.value) == "add"
              and len(leaf.value.args) == 1 and not leaf.value.keywords
              and not isinstance(leaf.value.args[0], ast.Starred)):
            name = leaf.value.func.value.id
            made = ast.SetComp(leaf.value.args[0], gens)
            empty = _is_empty_set
        else:
            continue
        if fusable(facts, loop, name) is None or len(loads_in(loop, name)) != 1:
            continue
        init = earlier_init(facts, loop, name, lambda v, e=empty: e(facts, v))
        if init is None:
            continue
        replace_loop(facts, init, loop, made)
        return True
    return False


def _rewrite_total(facts: Facts, ctx: Context) -> bool:
    if "sum" not in facts.builtins:
        return False
    for loop in facts.scope_nodes:
        chain = loop_chain(loop) if isinstance(loop, ast.For) else None
        if chain is None or len(chain[1]) != 1:
            continue
        gens, (leaf,) = chain
        if not (isinstance(leaf, ast.AugAssign) and isinstance(leaf.op, ast.Add)
                and isinstance(leaf.target, ast.Name)):
            continue
        name = leaf.target.id
        # ints only: float sums are compensated from Python 3.12 on, a different rounding
        if (facts.type_of(leaf.value) != INT or facts.type_of(leaf.target) != INT
                or name in {n.id for n in ast.walk(leaf.value) if isinstance(n, ast.Name)}):
            continue
        if not facts.is_plain_local(name) or comprehensible(facts, loop) is None:
            continue
        total = ast.AugAssign(ast.Name(name, ast.Store()), ast.Add(), ast.Call(
            ast.Name("sum", ast.Load()), [ast.ListComp(leaf.value, gens)], []))
        facts.replace(loop, total)
        return True
    return False


BUILDERS = Rule(
    "dict-set-comprehension",
    "a loop that only fills a dict or a set -> a dict or set comprehension",
    _rewrite_builders,
)
TOTAL = Rule(
    "int-total-sum",
    "a loop that only adds ints to a total -> sum() of a list comprehension",
    _rewrite_total,
)


# -- best = None; for x in xs: if best is None or x > best: best = x -> max(xs, default=None) --

def _running_extreme(leaf: list[ast.stmt], item: str) -> tuple[str, str] | None:
    """(best, "max" or "min") for `if best is None or item > best: best = item`."""
    if not (len(leaf) == 1 and isinstance(leaf[0], ast.If) and not leaf[0].orelse
            and len(leaf[0].body) == 1 and isinstance(leaf[0].body[0], ast.Assign)):
        return None
    test, assign = leaf[0].test, leaf[0].body[0]
    if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or)
            and len(test.values) == 2 and len(assign.targets) == 1
            and isinstance(assign.targets[0], ast.Name) and isinstance(assign.value, ast.Name)
            and assign.value.id == item):
        return None
    best = assign.targets[0].id
    none_test, cmp = test.values
    if not (isinstance(none_test, ast.Compare) and isinstance(none_test.ops[0], ast.Is)
            and isinstance(none_test.left, ast.Name) and none_test.left.id == best
            and isinstance(none_test.comparators[0], ast.Constant)
            and none_test.comparators[0].value is None):
        return None
    if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1
            and isinstance(cmp.ops[0], ast.Gt | ast.Lt)):
        return None
    sides = (cmp.left, cmp.comparators[0])
    names = tuple(n.id if isinstance(n, ast.Name) else None for n in sides)
    if names == (item, best):
        return best, "max" if isinstance(cmp.ops[0], ast.Gt) else "min"
    if names == (best, item):
        return best, "min" if isinstance(cmp.ops[0], ast.Gt) else "max"
    return None


def _rewrite_extreme(facts: Facts, ctx: Context) -> bool:
    if not {"max", "min"} <= facts.builtins:
        return False
    for loop in facts.scope_nodes:
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)
                and not loop.orelse):
            continue
        found = _running_extreme(loop.body, loop.target.id)
        if found is None or comprehensible(facts, loop) is None:
            continue
        best, pick = found
        init = earlier_init(facts, loop, best, lambda v: isinstance(v, ast.Constant)
                            and v.value is None)  # fmt: skip
        if init is None or not facts.is_plain_local(best):
            continue
        replace_loop(facts, init, loop, ast.Call(ast.Name(pick, ast.Load()), [loop.iter],
                                                 [ast.keyword("default", ast.Constant(None))]))
        return True
    return False


EXTREME = Rule(
    "running-max-builtin",
    "a loop keeping a running maximum or minimum -> max()/min() with default=None",
    _rewrite_extreme,
)
