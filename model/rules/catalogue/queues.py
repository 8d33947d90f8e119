"""list.pop(0) on a local list used as a FIFO queue -> collections.deque.popleft().

list.pop(0) shifts every remaining element (O(n)); deque.popleft() is O(1). A deque is not a
list, so the rule fires only when every use of the variable is one a deque supports with the
same result, and a `return q` becomes `return list(q)`.
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import call_name, expr, int_const, method_call, src
from ..base import Context, Rule
from ..checks import assigned_name

# Methods with the same arguments, result and exceptions on list and deque.
SAME_METHODS = {"append": 1, "extend": 1, "remove": 1, "count": 1, "index": 1, "clear": 0,
                "reverse": 0}
# Builtins that only iterate (or measure) their first argument and return a fresh value.
CONSUMERS = {"len", "list", "tuple", "sorted", "sum", "set", "frozenset", "min", "max", "any",
             "all"}
CONSUMER_KEYWORDS = {"key", "reverse", "default"}
LOOP_ONLY = {"enumerate", "reversed", "zip"}  # return iterators: fine only as a loop's iterable


def _list_maker(facts: Facts, value: ast.expr) -> str | None:
    """The argument text of the deque(...) replacing a list construction, or None if `value`
    is not one."""
    if isinstance(value, ast.List) and not value.elts:
        return ""
    if isinstance(value, ast.List | ast.ListComp):
        return src(value)
    if facts.is_builtin_call(value, "list") and not value.keywords and len(value.args) <= 1:
        if value.args and isinstance(value.args[0], ast.Starred):
            return None
        return src(value.args[0]) if value.args else ""
    return None


def _loop_owner(facts: Facts, node: ast.AST) -> ast.AST | None:
    parent = facts.parents[node]
    if isinstance(parent, ast.For | ast.comprehension) and parent.iter is node:
        return parent if isinstance(parent, ast.For) else facts.parents[parent]
    return None


def _iterated_only(facts: Facts, node: ast.AST, name: str) -> bool:
    """`node` is a loop's iterable and the loop does not otherwise touch `name` (a deque
    raises where a list tolerates mutation during iteration)."""
    owner = _loop_owner(facts, node)
    if owner is None:
        return False
    rest = owner.body if isinstance(owner, ast.For) else [owner]
    hits = sum(1 for stmt in rest for n in ast.walk(stmt)
               if isinstance(n, ast.Name) and n.id == name)
    return hits == (0 if isinstance(owner, ast.For) else 1)


def _is_local_list(facts: Facts, name: str) -> bool:
    if not facts.is_plain_local(name):
        return False
    sites = facts.binding_stmts(name)
    return all(assigned_name(s) == name and _list_maker(facts, s.value) is not None
               for s in sites)


def _use_kind(facts: Facts, use: ast.Name, name: str) -> str | None:
    """How a deque must spell this use: "same", "popleft", "appendleft", "return"; None when
    a deque would behave differently."""
    parent = facts.parents[use]
    call = facts.parents.get(parent)
    if isinstance(parent, ast.Attribute) and isinstance(call, ast.Call) and call.func is parent:
        method = method_call(call, name)
        args = call.args
        if call.keywords or any(isinstance(a, ast.Starred) for a in args):
            return None
        if method == "pop":
            if not args:
                return "same"
            return "popleft" if len(args) == 1 and int_const(args[0]) == 0 else None
        if method == "insert":
            return "appendleft" if len(args) == 2 and int_const(args[0]) == 0 else None
        # Arguments mentioning the queue are uses of their own, classified separately.
        return "same" if SAME_METHODS.get(method) == len(args) else None
    if isinstance(parent, ast.Subscript) and parent.value is use:
        return "same" if int_const(parent.slice) is not None else None
    if isinstance(parent, ast.Compare):
        ok = len(parent.ops) == 1 and isinstance(parent.ops[0], ast.In | ast.NotIn)
        return "same" if ok and parent.comparators[0] is use else None
    if facts.truth_use(use):
        return "same"
    if isinstance(parent, ast.Return):
        return "return" if "list" in facts.builtins else None
    if _loop_owner(facts, use) is not None:
        return "same" if _iterated_only(facts, use, name) else None
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is use:
        fname = call_name(parent)
        if fname in facts.builtins and fname in CONSUMERS and len(parent.args) == 1 and all(
                k.arg in CONSUMER_KEYWORDS for k in parent.keywords):
            return "same"
        if fname in facts.builtins and fname in LOOP_ONLY and _iterated_only(facts, parent, name):
            return "same"
        receiver = parent.func.value if isinstance(parent.func, ast.Attribute) else None
        if len(parent.args) == 1 and not parent.keywords and receiver is not None:
            if parent.func.attr == "join" and isinstance(receiver, ast.Constant) and isinstance(
                    receiver.value, str):
                return "same"
            if (parent.func.attr == "extend" and isinstance(receiver, ast.Name)
                    and receiver.id != name and _is_local_list(facts, receiver.id)):
                return "same"
    return None


def _rewrite(facts: Facts, ctx: Context) -> bool:
    for name in sorted(facts.stores):
        if not facts.is_plain_local(name):
            continue
        sites = facts.binding_stmts(name)
        makers = [s for s in sites if assigned_name(s) == name]
        extra = [s for s in sites if s not in makers]
        if len(makers) != 1:
            continue
        if not all(isinstance(s, ast.AugAssign) and isinstance(s.op, ast.Add) for s in extra):
            continue
        maker = _list_maker(facts, makers[0].value)
        uses = facts.loads.get(name, [])
        kinds = [_use_kind(facts, u, name) for u in uses]
        if maker is None or None in kinds or not {"popleft", "appendleft"} & set(kinds):
            continue
        deque = ctx.import_from(facts, "collections", "deque")
        # an annotation would now say list: the assignment goes plain
        facts.replace(makers[0], ast.Assign([ast.Name(name, ast.Store())],
                                            expr(f"{deque}({maker})")))
        for use, kind in zip(uses, kinds, strict=True):
            if kind in ("popleft", "appendleft"):
                call = facts.parents[facts.parents[use]]
                call.func.attr = kind
                call.args = call.args[1:]
            elif kind == "return":
                facts.parents[use].value = expr(f"list({name})")
        return True
    return False


RULE = Rule(
    "list-pop0-queue",
    "list.pop(0) used as a FIFO queue -> collections.deque.popleft()",
    _rewrite,
)
