"""Spellings with a faster equivalent, from the established catalogues (Ruff's PERF and C4
rules, refurb) and the standard library's documentation:

- `copy.deepcopy(x)` of data whose items are immutable -> a shallow copy of the same type;
- `x in [c1, c2, c3, ...]` with constant items -> `x in {c1, c2, c3, ...}` (a frozenset
  constant: one hash instead of a comparison per item);
- `list(map(lambda v: e, xs))` / `list(filter(lambda v: c, xs))` -> a comprehension (no call
  per item);
- `for k in d: ... d[k] ...` -> `for k, v in d.items()` (no lookup per item);
- `sep.join(x for ...)` -> `sep.join([x for ...])` (join makes a list of a generator first);
- `if k in d: v = d[k] else: v = default` -> `v = d.get(k, default)` (one lookup);
- `for k in d.keys()` -> `for k in d`;
- `sorted(xs)[0]` -> `min(xs)` (the first of equal items, as the stable sort leaves it);
- `s.startswith(a) or s.startswith(b)` -> `s.startswith((a, b))` (and `endswith`).
"""

from __future__ import annotations

import ast

from ..analysis import Facts
from ..annotations import from_annotation
from ..ast_tools import COMPREHENSIONS, expr, names_in
from ..base import Context, Rule
from ..checks import else_branch
from ..inference import STR, Ty, elem_of, is_hashable, is_primitive

_MIN_ITEMS = 4  # below this, a linear scan of a tuple constant is as fast


# -- copy.deepcopy of immutable items -> a shallow copy -----------------------------------------

def _shallow(ty: object, value: str, depth: int = 0) -> str | None:
    """An expression copying `value` (of type `ty`) as deepcopy would, when every item is
    immutable; None otherwise."""
    if is_hashable(ty) or is_primitive(ty):
        return value  # deepcopy returns immutable values themselves
    if not isinstance(ty, Ty) or depth > 1:
        return None
    if ty.kind in {"list", "set"}:
        inner = _shallow(elem_of(ty), "v", depth + 1)
        if inner is None:
            return None
        return f"{ty.kind}({value})" if inner == "v" else (
            f"[{inner} for v in {value}]" if ty.kind == "list" else None)
    if ty.kind == "dict" and is_hashable(ty.args[0]):
        inner = _shallow(ty.args[1], "v", depth + 1)
        if inner is None:
            return None
        return f"dict({value})" if inner == "v" else f"{{k: {inner} for k, v in {value}.items()}}"
    return None


def _declared(facts: Facts, name: str) -> object:
    """The full type of a parameter nothing in the function changes (its hint, or what the
    inputs showed); the inferred type of anything else (which forgets nested item types)."""
    if facts.is_plain_param(name) and all(facts.read_only_use(u) or _copied(facts, u)
                                          for u in facts.loads.get(name, [])):
        hint = next((p.annotation for p in facts.param_args if p.arg == name), None)
        ty = from_annotation(hint) or (
            from_annotation(ast.Constant(facts.evidence[name])) if name in facts.evidence
            else None)
        if ty is not None:
            return ty
    return facts.type_of(ast.Name(name, ast.Load()))


def _copied(facts: Facts, use: ast.Name) -> bool:
    call = facts.parents[use]
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and (
        call.func.attr == "deepcopy")


def _rewrite_deepcopy(facts: Facts, ctx: Context) -> bool:
    if "copy" in facts.bound:
        return False
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "copy"
                and node.func.attr == "deepcopy" and len(node.args) == 1 and not node.keywords
                and isinstance(node.args[0], ast.Name)):
            continue
        copied = _shallow(_declared(facts, node.args[0].id), node.args[0].id)
        if copied is None or copied == node.args[0].id:
            continue  # a deepcopy of an immutable value is cheap already
        if "v" in names_in(node) or "k" in names_in(node):
            continue
        facts.replace(node, expr(copied))
        return True
    return False


# -- x in [constants] -> x in {constants} -------------------------------------------------------

def _rewrite_literal_membership(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.ops[0], ast.In | ast.NotIn)):
            continue
        items = node.comparators[0]
        if not (isinstance(items, ast.List | ast.Tuple) and len(items.elts) >= _MIN_ITEMS
                and all(isinstance(e, ast.Constant) for e in items.elts)):
            continue
        kinds = {type(e.value) for e in items.elts}
        # one kind of str or int items: == and hash agree, and no 1 == 1.0 == True mixing
        if not (len(kinds) == 1 and kinds <= {str, int, bytes}):
            continue
        left = facts.type_of(node.left)
        if not (left is None or is_hashable(left)):
            continue
        node.comparators[0] = ast.Set(items.elts)
        return True
    return False


# -- list(map(lambda ...)), list(filter(lambda ...)) -> comprehensions ---------------------------

def _lambda_of(node: ast.expr) -> tuple[str, ast.expr] | None:
    if (isinstance(node, ast.Lambda) and len(node.args.args) == 1 and not node.args.defaults
            and not node.args.vararg and not node.args.kwarg and not node.args.kwonlyargs
            and not node.args.posonlyargs):
        return node.args.args[0].arg, node.body
    return None


def _rewrite_map_lambda(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not (facts.is_builtin_call(node, "list") and len(node.args) == 1
                and not node.keywords):
            continue
        inner = node.args[0]
        if not (facts.is_builtin_call(inner, "map", "filter") and len(inner.args) == 2
                and not inner.keywords):
            continue
        found = _lambda_of(inner.args[0])
        if found is None or any(isinstance(n, (*COMPREHENSIONS, ast.Lambda, ast.NamedExpr))
                                for n in ast.walk(found[1])):
            continue
        var, body = found
        target = ast.Name(var, ast.Store())
        if inner.func.id == "map":
            new = ast.ListComp(body, [ast.comprehension(target, inner.args[1], [], 0)])
        else:
            new = ast.ListComp(ast.Name(var, ast.Load()),
                               [ast.comprehension(target, inner.args[1], [body], 0)])
        facts.replace(node, new)
        return True
    return False


# -- for k in d: ... d[k] ... -> for k, v in d.items() ----------------------------------------

def _rewrite_items(facts: Facts, ctx: Context) -> bool:
    for loop in facts.scope_nodes:
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)
                and isinstance(loop.iter, ast.Name)):
            continue
        d, k = loop.iter.id, loop.target.id
        ty = facts.type_of(loop.iter)
        if not (isinstance(ty, Ty) and ty.kind == "dict") or k in facts.nested:
            continue
        inside = facts.subtree(loop)
        uses = [u for u in facts.loads.get(d, []) if id(u) in inside and u is not loop.iter]
        lookups = [facts.parents[u] for u in uses]
        # only d[k] reads inside: anything else could change the dict while it is iterated
        if not lookups or not all(
                isinstance(p, ast.Subscript) and isinstance(p.ctx, ast.Load)
                and isinstance(p.slice, ast.Name) and p.slice.id == k for p in lookups):
            continue
        if any(id(s) in inside for s in facts.stores.get(k, []) if s is not loop.target):
            continue
        value = facts.fresh(f"{d}_value")
        for lookup in lookups:
            facts.replace(lookup, ast.Name(value, ast.Load()))
        loop.target = ast.Tuple([ast.Name(k, ast.Store()), ast.Name(value, ast.Store())],
                                ast.Store())
        loop.iter = expr(f"{d}.items()")
        return True
    return False


DEEPCOPY = Rule(
    "deepcopy-shallow",
    "copy.deepcopy of a container whose items are immutable -> a shallow copy",
    _rewrite_deepcopy,
)
LITERAL_SET = Rule(
    "literal-membership-set",
    "`x in [c1, c2, ...]` with constant items -> `x in {c1, c2, ...}`",
    _rewrite_literal_membership,
)
MAP_LAMBDA = Rule(
    "map-lambda-comprehension",
    "list(map(lambda ...)) / list(filter(lambda ...)) -> a list comprehension",
    _rewrite_map_lambda,
)
ITEMS = Rule(
    "dict-items-iteration",
    "`for k in d: ... d[k]` -> `for k, v in d.items()`",
    _rewrite_items,
)


# -- sep.join(generator) -> sep.join([list comprehension]) ------------------------------------

def _rewrite_join_list(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "join" and len(node.args) == 1 and not node.keywords
                and isinstance(node.args[0], ast.GeneratorExp)
                and isinstance(node.func.value, ast.Constant)
                and isinstance(node.func.value.value, str)):
            gen = node.args[0]
            node.args[0] = ast.ListComp(gen.elt, gen.generators)
            return True
    return False


# -- if k in d: v = d[k] else: v = default -> v = d.get(k, default) ---------------------------

def _rewrite_get(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.If) and len(node.body) == 1 and len(node.orelse) == 1
                and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1
                and isinstance(node.test.ops[0], ast.In)
                and isinstance(node.test.comparators[0], ast.Name)):
            continue
        hit, miss = node.body[0], node.orelse[0]
        d, key = node.test.comparators[0].id, node.test.left
        ty = facts.type_of(node.test.comparators[0])
        if not (isinstance(ty, Ty) and ty.kind == "dict" and _assigned(hit) and _assigned(miss)
                and ast.dump(hit.targets[0]) == ast.dump(miss.targets[0])
                and isinstance(hit.targets[0], ast.Name)):
            continue
        value = hit.value
        if not (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)
                and value.value.id == d and ast.dump(value.slice) == ast.dump(key)):
            continue
        if not (isinstance(key, ast.Name | ast.Constant) and isinstance(
                miss.value, ast.Name | ast.Constant)):
            continue  # both are evaluated once either way only when they are this simple
        facts.replace(node, ast.Assign([hit.targets[0]], ast.Call(
            ast.Attribute(ast.Name(d, ast.Load()), "get", ast.Load()), [key, miss.value], [])))
        return True
    return False


def _assigned(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Assign) and len(stmt.targets) == 1


# -- for k in d.keys() -> for k in d ------------------------------------------------------------

def _rewrite_keys_loop(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if (isinstance(node, ast.For | ast.comprehension) and isinstance(node.iter, ast.Call)
                and isinstance(node.iter.func, ast.Attribute) and node.iter.func.attr == "keys"
                and not node.iter.args and not node.iter.keywords):
            ty = facts.type_of(node.iter.func.value)
            if isinstance(ty, Ty) and ty.kind == "dict":
                node.iter = node.iter.func.value
                return True
    return False


# -- sorted(xs)[0] -> min(xs) ---------------------------------------------------------------------

def _rewrite_sorted_first(facts: Facts, ctx: Context) -> bool:
    if not {"min", "max", "sorted"} <= facts.builtins:
        return False
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)
                and isinstance(node.slice, ast.Constant) and node.slice.value == 0
                and type(node.slice.value) is int and facts.is_builtin_call(node.value, "sorted")
                and len(node.value.args) == 1 and isinstance(node.value.args[0], ast.Name)):
            continue
        if else_branch(facts, node):
            continue  # the sort this rule keeps for an empty list
        keywords = {k.arg: k.value for k in node.value.keywords}
        reverse = keywords.pop("reverse", ast.Constant(False))
        if None in keywords or set(keywords) - {"key"} or not (
                isinstance(reverse, ast.Constant) and type(reverse.value) is bool):
            continue
        items = node.value.args[0].id
        pick = ast.Call(ast.Name("max" if reverse.value else "min", ast.Load()),
                        [ast.Name(items, ast.Load())],
                        [ast.keyword("key", keywords["key"])] if "key" in keywords else [])
        # sorted([])[0] raises IndexError, min([]) ValueError: keep the sort for that case
        facts.replace(node, ast.IfExp(ast.Name(items, ast.Load()), pick, node))
        return True
    return False


JOIN_LIST = Rule(
    "join-list-comprehension",
    "str.join of a generator -> of a list comprehension (join builds the list anyway)",
    _rewrite_join_list,
)
GET = Rule(
    "dict-get-default",
    "`if k in d: v = d[k] else: v = default` -> `v = d.get(k, default)`",
    _rewrite_get,
)
KEYS_LOOP = Rule(
    "dict-keys-iteration",
    "`for k in d.keys()` -> `for k in d`",
    _rewrite_keys_loop,
)
SORTED_FIRST = Rule(
    "sorted-first-min",
    "`sorted(xs)[0]` -> `min(xs)` (`max` when reversed; the first of equal items)",
    _rewrite_sorted_first,
)


# -- s.startswith(a) or s.startswith(b) -> s.startswith((a, b)) ---------------------------------

def _affix_test(node: ast.expr) -> tuple[str, str, ast.expr] | None:
    """(receiver dump, method, literal) for `s.startswith("x")` / `s.endswith("x")`."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"startswith", "endswith"} and len(node.args) == 1
            and not node.keywords and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and isinstance(node.func.value, ast.Name)):
        return ast.dump(node.func.value), node.func.attr, node.args[0]
    return None


def _rewrite_affixes(facts: Facts, ctx: Context) -> bool:
    for node in facts.scope_nodes:
        if not (isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or)):
            continue
        tests = [_affix_test(v) for v in node.values]
        if None in tests or len({(t[0], t[1]) for t in tests}) != 1:
            continue
        receiver = node.values[0].func.value
        if facts.type_of(receiver) != STR:
            continue  # only str's own method takes a tuple of prefixes
        facts.replace(node, ast.Call(
            ast.Attribute(receiver, tests[0][1], ast.Load()),
            [ast.Tuple([t[2] for t in tests], ast.Load())], []))
        return True
    return False


AFFIXES = Rule(
    "startswith-tuple",
    "`s.startswith(a) or s.startswith(b)` -> `s.startswith((a, b))`",
    _rewrite_affixes,
)
