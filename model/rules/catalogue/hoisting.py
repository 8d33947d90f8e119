"""Work repeated on every iteration although its result cannot change inside the loop."""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..ast_tools import expr, is_const, stmts
from ..base import Context, Rule
from ..checks import else_branch, insert_stmts, unchanged_within
from ..inference import Ty, elem_of, is_hashable, may_hash


def outermost_loop(facts: Facts, node: ast.AST, name: str) -> ast.stmt | None:
    """The outermost loop around `node` in which `name` keeps one unchanged value and that
    `name` is surely bound before; the place to hoist a computation on `name` to."""
    best = None
    contexts = facts.enclosing_loops(node)
    if facts.repeated_in_comprehension(node):
        contexts = [facts.stmt_of(node), *contexts]
    for loop in contexts:
        if not unchanged_within(facts, name, loop) or not facts.defined_before(name, loop):
            break
        best = loop
    return best


def hoist_before(facts: Facts, anchor: ast.stmt, matches: list[ast.AST], value: str, base: str,
           replacement) -> None:
    """Compute `value` once before `anchor` and replace every match inside it."""
    name = facts.fresh(base)
    for node in matches:
        replacement(node, name)
    insert_stmts(facts, anchor, stmts(f"{name} = {value}"))


def within(anchor: ast.AST, nodes: list[ast.AST]) -> list[ast.AST]:
    ids = {id(n) for n in ast.walk(anchor)}
    return [n for n in nodes if id(n) in ids]


# -- x in some_list inside a loop -> x in a set built once before the loop --------------------

def _membership_tests(facts: Facts) -> list[tuple[ast.Compare, str]]:
    out = []
    for node in facts.scope_nodes:
        if (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.ops[0], ast.In | ast.NotIn)
                and isinstance(node.comparators[0], ast.Name)):
            container = facts.type_of(node.comparators[0])
            # the items are hashable; what is looked up must only not be known unhashable
            if (isinstance(container, Ty) and container.kind in {"list", "tuple"}
                    and is_hashable(elem_of(container)) and may_hash(facts.type_of(node.left))):
                out.append((node, node.comparators[0].id))
    return out


def _rewrite_set_membership(facts: Facts, ctx: Context) -> bool:
    if "set" not in facts.builtins:
        return False
    tests = _membership_tests(facts)
    for node, name in tests:
        # Only containers that never change: a set rebuilt on every outer iteration to serve a
        # few lookups would be slower than the linear searches it replaces.
        if not all(facts.read_only_use(u) for u in facts.loads.get(name, [])):
            continue
        anchor = outermost_loop(facts, node, name)
        if anchor is None:
            continue
        matches = within(anchor, [t for t, n in tests if n == name])

        def use_set(test: ast.AST, hoisted: str) -> None:
            test.comparators[0] = ast.Name(hoisted, ast.Load())

        hoist_before(facts, anchor, matches, f"set({name})", f"{name}_set", use_set)
        return True
    return False


# -- xs.index(v) / xs.count(v) inside a loop -> one pass over xs before the loop -------------

def _searches(facts: Facts) -> list[tuple[ast.Call, str]]:
    """`xs.index(v)` and `xs.count(v)` on a list or tuple, v not known unhashable."""
    out = []
    for node in facts.scope_nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"index", "count"} and isinstance(node.func.value, ast.Name)
                and len(node.args) == 1 and not node.keywords
                and not isinstance(node.args[0], ast.Starred)):
            seq = facts.type_of(node.func.value)
            if (isinstance(seq, Ty) and seq.kind in {"list", "tuple"} and not _kept(facts, node)
                    and may_hash(elem_of(seq)) and may_hash(facts.type_of(node.args[0]))):
                out.append((node, node.func.value.id))
    return out


def _kept(facts: Facts, call: ast.Call) -> bool:
    """The `xs.index(v)` this rule keeps for a value the table does not hold."""
    guard = else_branch(facts, call)
    return (guard is not None and isinstance(guard.body, ast.Subscript)
            and isinstance(guard.test, ast.Compare)
            and ast.dump(guard.test.comparators[0]) == ast.dump(guard.body.value))


def _rewrite_search_index(facts: Facts, ctx: Context) -> bool:
    if not {"dict", "zip", "reversed", "range", "len"} <= facts.builtins:
        return False
    searches = _searches(facts)
    for call, name in searches:
        if not all(facts.read_only_use(u) for u in facts.loads.get(name, [])):
            continue
        anchor = outermost_loop(facts, call, name)
        if anchor is None:
            continue
        kind = call.func.attr
        matches = within(anchor, [c for c, n in searches if n == name and c.func.attr == kind])
        if kind == "count":
            counter = ctx.import_from(facts, "collections", "Counter")
            value, base = f"{counter}({name})", f"{name}_counts"

            def lookup(found: ast.Call, table: str) -> None:
                facts.replace(found, expr(f"{table}[{ast.unparse(found.args[0])}]"))
        else:  # the first position of each value; a missing one raises as before
            value = f"dict(zip(reversed({name}), range(len({name}) - 1, -1, -1)))"
            base = f"{name}_first"

            def lookup(found: ast.Call, table: str) -> None:
                needle = found.args[0]
                if not isinstance(needle, ast.Name | ast.Constant):
                    needle = ast.NamedExpr(ast.Name(facts.fresh("_needle"), ast.Store()), needle)
                key = ast.unparse(needle)
                again = key if isinstance(needle, ast.Name | ast.Constant) else needle.target.id
                facts.replace(found, expr(
                    f"{table}[{again}] if ({key}) in {table} "
                    f"else {found.func.value.id}.index({again})"))

        hoist_before(facts, anchor, matches, value, base, lookup)
        return True
    return False


# -- self.items read inside a loop -> a local read once before the loop ----------------------

def _attribute_reads(facts: Facts) -> list[ast.Attribute]:
    """`p.attr` read inside a loop, p a parameter, attr seen on p in every input (evidence
    that reading it early cannot fail) and never assigned in the function."""
    assigned = {(n.value.id, n.attr) for n in facts.scope_nodes
                if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)
                and isinstance(n.value, ast.Name)}
    out = []
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name) and facts.is_plain_param(node.value.id)):
            continue
        call = facts.parents.get(node)
        if isinstance(call, ast.Call) and call.func is node:
            continue  # a method call, not a value
        key = (node.value.id, node.attr)
        if f"{key[0]}.{key[1]}" in facts.evidence and key not in assigned and (
                facts.enclosing_loops(node)):
            out.append(node)
    return out


def _owner_used_within(facts: Facts, owner: str, loop: ast.AST) -> bool:
    """Inside `loop`, `owner` reaches code that could rebind its attributes: a method call on
    it, or `owner` itself passed on or stored."""
    inside = facts.subtree(loop)
    for use in facts.loads.get(owner, []):
        if id(use) not in inside:
            continue
        parent = facts.parents[use]
        if not isinstance(parent, ast.Attribute):
            return True
        call = facts.parents.get(parent)
        if isinstance(call, ast.Call) and call.func is parent:
            return True
    return False


def _rewrite_attribute_hoist(facts: Facts, ctx: Context) -> bool:
    reads = _attribute_reads(facts)
    for node in reads:
        owner, attr = node.value.id, node.attr
        anchor = None
        for loop in facts.enclosing_loops(node):
            if _owner_used_within(facts, owner, loop):
                break
            anchor = loop
        if anchor is None:
            continue
        matches = within(anchor, [r for r in reads
                                      if r.value.id == owner and r.attr == attr])  # fmt: skip
        hoist_before(facts, anchor, matches, f"{owner}.{attr}", attr.lstrip("_") or "value",
               lambda found, local: facts.replace(found, ast.Name(local, ast.Load())))
        return True
    return False


# -- len(seq) of an unchanging sequence inside a loop -> hoisted -------------------------------

def _rewrite_len(facts: Facts, ctx: Context) -> bool:
    calls = [n for n in facts.scope_nodes if facts.is_builtin_call(n, "len") and len(n.args) == 1
             and not n.keywords and isinstance(n.args[0], ast.Name)]
    for call in calls:
        name = call.args[0].id
        ty = facts.type_of(call.args[0])
        if not (isinstance(ty, Ty) and ty.kind in {"str", "bytes", "tuple", "list"}):
            continue
        anchor = outermost_loop(facts, call, name)
        if anchor is None:
            continue
        matches = within(anchor, [c for c in calls if c.args[0].id == name])
        hoist_before(facts, anchor, matches, f"len({name})", f"{name}_len",
               lambda c, hoisted: facts.replace(c, ast.Name(hoisted, ast.Load())))
        return True
    return False


# -- ord("a"), chr(97), len("abc") inside a loop -> the constant -------------------------------

def _folded(facts: Facts, node: ast.AST) -> ast.Constant | None:
    if not (facts.is_builtin_call(node, "ord", "chr", "len") and len(node.args) == 1
            and not node.keywords):
        return None
    arg, fname = node.args[0], node.func.id
    if fname == "ord" and is_const(arg, kind=str) and len(arg.value) == 1:
        return ast.Constant(ord(arg.value))
    if fname == "chr" and is_const(arg, kind=int) and 0 <= arg.value < 0x110000:
        return ast.Constant(chr(arg.value))
    if fname == "len" and isinstance(arg, ast.Constant) and type(arg.value) in (str, bytes):
        return ast.Constant(len(arg.value))
    return None


def _rewrite_fold(facts: Facts, ctx: Context) -> bool:
    done = False
    for node in facts.scope_nodes:
        value = _folded(facts, node)
        if value is not None and facts.enclosing_loops(node):
            facts.replace(node, value)
            done = True
    return done


# -- k in d.keys() -> k in d ------------------------------------------------------------------

def _keys_view(facts: Facts, node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "keys" and not node.args and not node.keywords
            and isinstance(facts.type_of(node.func.value), Ty)
            and facts.type_of(node.func.value).kind == "dict")


def _rewrite_keys(facts: Facts, ctx: Context) -> bool:
    done = False
    for node in facts.scope_nodes:
        if (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.ops[0], ast.In | ast.NotIn)
                and _keys_view(facts, node.comparators[0]) and facts.enclosing_loops(node)):
            node.comparators[0] = node.comparators[0].func.value
            done = True
    return done


SET_MEMBERSHIP = Rule(
    "membership-set-hoist",
    "`x in list` inside a loop -> membership in a set built once before the loop",
    _rewrite_set_membership,
)
LEN_HOIST = Rule(
    "len-hoist",
    "len() of an unchanging sequence inside a loop -> computed once before the loop",
    _rewrite_len,
)
FOLD = Rule(
    "fold-constant-builtins",
    "ord()/chr()/len() of literals inside loops -> constants",
    _rewrite_fold,
)
ATTRIBUTE_HOIST = Rule(
    "attribute-hoist",
    "an attribute read on every iteration (`self.items`) -> a local read once before the loop",
    _rewrite_attribute_hoist,
)
SEARCH_INDEX = Rule(
    "search-index-hoist",
    "`xs.index(v)`/`xs.count(v)` inside a loop -> positions or counts found in one pass before "
    "the loop",
    _rewrite_search_index,
)
KEYS = Rule(
    "dict-keys-membership",
    "`k in d.keys()` inside a loop -> `k in d`",
    _rewrite_keys,
)
