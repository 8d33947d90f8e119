"""Shared AST facts and editing helpers for the rewrite rules.

`Facts` is rebuilt from scratch after every edit, so rules can mutate the tree freely. All
answers are conservative: anything the function's own source cannot prove counts as unsafe.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator

from afterburner.sandbox import syntax

from .inference import (
    BOTTOM,
    STR_METHODS,
    Maybe,
    Ty,
    TypeEnv,
    bind_target,
    elem_of,
    from_annotation,
    is_hashable,
    is_primitive,
    join,
)

NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# Builtins that only read (iterate, measure, copy) their sole argument.
READING_BUILTINS = {
    "len", "list", "tuple", "sorted", "set", "frozenset", "sum", "min", "max", "any", "all",
    "enumerate", "zip", "reversed", "iter", "bool", "str", "repr", "hash", "print",
}
# List methods whose effect on element types the inference tracks.
ADDING_METHODS = {"append", "extend", "insert"}
TRACKED_METHODS = ADDING_METHODS | {"pop", "remove", "clear", "sort", "reverse"}
# Builtins that call no user code that could mutate containers passed to them.
SAFE_BUILTINS = {
    "len", "list", "tuple", "sorted", "set", "frozenset", "dict", "sum", "min", "max", "any",
    "all", "enumerate", "zip", "reversed", "iter", "range", "bool", "int", "float", "str",
    "repr", "chr", "ord", "abs", "round", "divmod", "isinstance", "print", "hash", "bin", "hex",
    "oct",
}
# Methods that leave a list/dict/set receiver unchanged and keep no reference to it.
READING_METHODS = {"count", "index", "copy", "get", "keys", "values", "items", "issubset",
                   "issuperset", "isdisjoint", "union", "intersection", "difference",
                   "symmetric_difference"}
# Methods of builtin types that never mutate their receiver.
NON_MUTATING = READING_METHODS | STR_METHODS | {"fromkeys"}


def walk_scope(nodes: list[ast.stmt] | ast.AST) -> Iterator[ast.AST]:
    """Nodes of the function's own scope (comprehensions included, nested defs/lambdas not)."""
    stack = list(reversed(nodes)) if isinstance(nodes, list) else [nodes]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, NESTED_SCOPES):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def loads_in(node: ast.AST | list[ast.stmt], name: str) -> list[ast.Name]:
    nodes = node if isinstance(node, list) else [node]
    return [n for s in nodes for n in ast.walk(s)
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]


def stores_in(node: ast.AST | list[ast.stmt]) -> set[str]:
    """Names assigned, augmented or deleted anywhere inside (nested scopes included)."""
    nodes = node if isinstance(node, list) else [node]
    return {n.id for s in nodes for n in ast.walk(s)
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


def has_any(node: ast.AST | list[ast.stmt], kinds: tuple[type, ...]) -> bool:
    nodes = node if isinstance(node, list) else [node]
    return any(isinstance(n, kinds) for s in nodes for n in ast.walk(s))


def call_name(node: ast.AST) -> str | None:
    """`f` for a call `f(...)` of a plain name."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


def method_call(node: ast.AST, receiver: str | None = None) -> str | None:
    """`m` for a call `x.m(...)` (on the name `receiver`, when given)."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (receiver is None or node.func.value.id == receiver)):
        return node.func.attr
    return None


def is_const(node: ast.AST, value: object = ..., kind: type | None = None) -> bool:
    if not isinstance(node, ast.Constant):
        return False
    if kind is not None and type(node.value) is not kind:
        return False
    return value is ... or (type(node.value) is type(value) and node.value == value)


def int_const(node: ast.AST) -> int | None:
    """The value of an int literal, negative ones included."""
    if is_const(node, kind=int):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and is_const(
            node.operand, kind=int):
        return -node.operand.value
    return None


def clone(node: ast.AST) -> ast.AST:
    """A deep copy of an AST (several times faster than copy.deepcopy)."""
    new = node.__class__()
    for field in node._fields:
        value = getattr(node, field, None)
        if isinstance(value, list):
            value = [clone(v) if isinstance(v, ast.AST) else v for v in value]
        elif isinstance(value, ast.AST):
            value = clone(value)
        setattr(new, field, value)
    for attr in node._attributes:
        if hasattr(node, attr):
            setattr(new, attr, getattr(node, attr))
    return new


def expr(text: str) -> ast.expr:
    return syntax.parse(text, mode="eval").body


def stmts(text: str) -> list[ast.stmt]:
    return syntax.parse(text).body


def src(node: ast.AST) -> str:
    return ast.unparse(node)


class Facts:
    """What one pass over the current tree knows: parents, bindings, uses and types."""

    def __init__(self, fn: FunctionNode, trusted: frozenset[str] = frozenset(),
                 evidence: dict[str, str] | None = None) -> None:
        self.fn = fn
        self.trusted = trusted  # names the candidate itself imports (collections.deque, ...)
        self.evidence = evidence or {}  # parameter -> type hint its inputs showed
        self.parents: dict[ast.AST, ast.AST] = {}
        self.identifiers: set[str] = {fn.name}
        stack: list[ast.AST] = [fn]
        while stack:  # one pass for parents and identifiers (ast.walk is slow)
            node = stack.pop()
            for field in node._fields:
                value = getattr(node, field, None)
                for child in value if isinstance(value, list) else (value,):
                    if isinstance(child, ast.AST):
                        self.parents[child] = node
                        stack.append(child)
            if isinstance(node, ast.Name):
                self.identifiers.add(node.id)
            elif isinstance(node, ast.arg):
                self.identifiers.add(node.arg)
        a = fn.args
        self.param_args = a.posonlyargs + a.args + a.kwonlyargs
        self.params = {p.arg for p in self.param_args}
        for extra in (a.vararg, a.kwarg):
            if extra is not None:
                self.params.add(extra.arg)
        self.scope_nodes = list(walk_scope(fn.body))
        self.loads: dict[str, list[ast.Name]] = {}
        self.stores: dict[str, list[ast.Name]] = {}
        self.unusual: set[str] = set()  # bound by import/def/except/with/match/global/del
        self.nested: set[str] = set()  # referenced inside a nested def, lambda or class
        for node in self.scope_nodes:
            self._record(node)
        self._subtrees: dict[int, set[int]] = {}
        self.bound = set(self.stores) | self.params | self.unusual
        self.builtins = {n for n in dir(builtins) if n not in self.bound}
        self.types = self._infer_types()

    def _record(self, node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            table = self.loads if isinstance(node.ctx, ast.Load) else self.stores
            table.setdefault(node.id, []).append(node)
            if isinstance(node.ctx, ast.Del):
                self.unusual.add(node.id)
        elif isinstance(node, NESTED_SCOPES):
            if not isinstance(node, ast.Lambda):
                self.unusual.add(node.name)
            self.nested |= names_in(node)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            self.unusual.update(node.names)
        elif isinstance(node, ast.alias):
            self.unusual.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self.unusual.add(node.name)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            self.unusual |= names_in(node.optional_vars)
        elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
            self.unusual.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            self.unusual.add(node.rest)

    # -- names ------------------------------------------------------------------------------

    def is_plain_local(self, name: str) -> bool:
        """A variable of this function only: not a parameter, not captured by nested scopes,
        bound only by ordinary assignments and loops."""
        return (name in self.stores and name not in self.params and name not in self.unusual
                and name not in self.nested)

    def is_plain_param(self, name: str) -> bool:
        """A parameter never rebound, deleted or captured."""
        return (name in self.params and name not in self.stores and name not in self.unusual
                and name not in self.nested)

    def binding_stmts(self, name: str) -> list[ast.AST]:
        """The statement (or comprehension) binding `name` at each of its store sites."""
        out = []
        for store in self.stores.get(name, []):
            node: ast.AST = store
            while not isinstance(node, ast.stmt | ast.comprehension):
                node = self.parents[node]
            out.append(node)
        return out

    def fresh(self, base: str, taken: set[str] | None = None) -> str:
        taken = (taken or set()) | self.identifiers | set(dir(builtins))
        name, n = base, 2
        while name in taken or not name.isidentifier():
            name, n = f"{base}_{n}", n + 1
        self.identifiers.add(name)
        return name

    # -- structure --------------------------------------------------------------------------

    def subtree(self, node: ast.AST) -> set[int]:
        """Ids of every node under `node` (memoised: the tree does not change under Facts)."""
        ids = self._subtrees.get(id(node))
        if ids is None:
            ids = self._subtrees[id(node)] = {id(n) for n in ast.walk(node)}
        return ids

    def region(self, stmts_: list[ast.stmt]) -> set[int]:
        return set().union(set(), *(self.subtree(s) for s in stmts_))

    def stmt_of(self, node: ast.AST) -> ast.stmt:
        while not isinstance(node, ast.stmt):
            node = self.parents[node]
        return node

    def block_of(self, stmt: ast.stmt) -> tuple[list[ast.stmt], int]:
        """The statement list holding `stmt`, and its index there."""
        parent = self.parents[stmt]
        for _, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is stmt:
                        return value, i
        raise LookupError("statement not in a block")

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        while node is not self.fn:
            node = self.parents[node]
            yield node

    def enclosing_loops(self, node: ast.AST) -> list[ast.For | ast.While]:
        """Loops whose repeated part (a for's body, a while's test or body) holds `node`,
        innermost first. A for's iterable and any loop's else run once, so they do not count."""
        out, child = [], node
        for anc in self.ancestors(node):
            if isinstance(anc, NESTED_SCOPES):
                break
            if isinstance(anc, ast.For | ast.While) and (
                    any(child is s for s in anc.body)
                    or isinstance(anc, ast.While) and child is anc.test):
                out.append(anc)
            child = anc
        return out

    def loop_of_jump(self, jump: ast.Break | ast.Continue) -> ast.For | ast.While | None:
        """The loop a break/continue leaves (a loop's else clause belongs to the outer one)."""
        child = jump
        for anc in self.ancestors(jump):
            if isinstance(anc, NESTED_SCOPES):
                return None
            if isinstance(anc, ast.For | ast.While) and any(child is s for s in anc.body):
                return anc
            child = anc
        return None

    def repeated_in_comprehension(self, node: ast.AST) -> bool:
        """`node` is evaluated once per item of a comprehension of its statement (anything but
        the first generator's iterable)."""
        path = [node]
        for anc in self.ancestors(node):
            if isinstance(anc, (*NESTED_SCOPES, ast.stmt)):
                return False
            if isinstance(anc, COMPREHENSIONS):
                child = path[-1]
                if not isinstance(child, ast.comprehension):
                    return True  # the element (or key/value)
                if child is not anc.generators[0] or path[-2] is not child.iter:
                    return True
            path.append(anc)
        return False

    def in_try(self, node: ast.AST) -> bool:
        return any(isinstance(a, ast.Try | ast.TryStar) for a in self.ancestors(node))

    def replace(self, old: ast.AST, new: ast.AST) -> None:
        parent = self.parents[old]
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return
        raise LookupError("node not found under its parent")

    def assigned_earlier(self, name: str, stmt: ast.stmt) -> bool:
        """A plain `name = ...` precedes `stmt` (or an ancestor of it) in the same block, so
        `name` is bound whenever `stmt` runs (no `del` can unbind a plain local)."""
        if name in self.unusual or name in self.nested:
            return False
        sites = {id(s) for s in self.binding_stmts(name) if isinstance(s, ast.Assign)}
        for node in [stmt, *self.ancestors(stmt)]:
            if isinstance(node, ast.stmt) and node is not self.fn:
                block, i = self.block_of(node)
                if any(id(s) in sites for s in block[:i]):
                    return True
        return False

    def defined_before(self, name: str, stmt: ast.stmt) -> bool:
        """`name` surely holds its only value whenever `stmt` runs: a parameter never rebound,
        or a local with one plain assignment that precedes `stmt` (or an ancestor of it) in
        the same block, and no other binding."""
        if self.is_plain_param(name):
            return True
        if not self.is_plain_local(name) or len(self.stores[name]) != 1:
            return False
        return self.assigned_earlier(name, stmt)

    # -- uses -------------------------------------------------------------------------------

    def is_builtin_call(self, node: ast.AST, *names: str) -> bool:
        name = call_name(node)
        return name is not None and name in self.builtins and (not names or name in names)

    def read_only_use(self, use: ast.Name) -> bool:
        """This load of a container only reads it (so it neither mutates nor aliases it)."""
        parent = self.parents[use]
        if isinstance(parent, ast.Subscript) and parent.value is use:
            return isinstance(parent.ctx, ast.Load)
        if isinstance(parent, ast.Attribute) and parent.value is use:
            return parent.attr in READING_METHODS and isinstance(self.parents[parent], ast.Call)
        if isinstance(parent, ast.Call) and use in parent.args:
            return self.is_builtin_call(parent, *READING_BUILTINS)
        if isinstance(parent, ast.For | ast.comprehension) and parent.iter is use:
            return True
        if isinstance(parent, ast.Compare):
            return True
        if isinstance(parent, ast.Return) or (
                isinstance(parent, ast.Tuple) and isinstance(self.parents[parent], ast.Return)):
            return True  # nothing in the function runs after it
        if isinstance(parent, ast.UnaryOp | ast.If | ast.While | ast.IfExp | ast.Assert):
            return parent.test is use if hasattr(parent, "test") else True
        return isinstance(parent, ast.BoolOp) and self._truth_context(parent)

    def _truth_context(self, node: ast.AST) -> bool:
        """Only the truth value of `node` is used (its identity cannot escape)."""
        parent = self.parents[node]
        if isinstance(parent, ast.If | ast.While | ast.IfExp | ast.Assert):
            return parent.test is node
        if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
            return True
        if isinstance(parent, ast.comprehension):
            return node in parent.ifs
        return isinstance(parent, ast.BoolOp) and self._truth_context(parent)

    def truth_use(self, use: ast.Name) -> bool:
        parent = self.parents[use]
        if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
            return True
        return self._truth_context(use)

    def _permuting_store(self, target: ast.Subscript) -> bool:
        """`xs[a] = xs[b]` or a tuple swap of elements of the same list: element types stay."""
        name = target.value.id if isinstance(target.value, ast.Name) else None
        stmt = self.parents[target]
        if isinstance(stmt, ast.Tuple):
            outer = self.parents[stmt]
            if not (isinstance(outer, ast.Assign) and isinstance(outer.value, ast.Tuple)):
                return False
            values = outer.value.elts
        elif isinstance(stmt, ast.Assign):
            values = [stmt.value]
        else:
            return False
        return all(self._element_of(v, name) for v in values)

    def _element_of(self, node: ast.expr, name: str) -> bool:
        """`node` is `name[...]`, or a local holding only such an item (`key = xs[i]`)."""
        if isinstance(node, ast.Subscript):
            return isinstance(node.value, ast.Name) and node.value.id == name
        if isinstance(node, ast.Name) and self.is_plain_local(node.id):
            sites = self.binding_stmts(node.id)
            return all(isinstance(s, ast.Assign) and len(s.targets) == 1
                       and isinstance(s.value, ast.Subscript)
                       and self._element_of(s.value, name) for s in sites)
        return False

    def element_types_stable(self, name: str) -> bool:
        """Every use of the container `name` reads it, permutes its elements, or adds
        elements through a method the inference accounts for (see `_bind`)."""
        for use in self.loads.get(name, []):
            parent = self.parents[use]
            if (isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Store)
                    and self._permuting_store(parent)):
                continue
            call = self.parents.get(parent)
            if (isinstance(parent, ast.Attribute) and parent.attr in TRACKED_METHODS
                    and isinstance(call, ast.Call) and call.func is parent):
                continue
            if not self.read_only_use(use):
                return False
        return name not in self.unusual and name not in self.nested

    def _elements_never_mutated(self) -> bool:
        """No container reached through another one (an element, a dict value) can change:
        only fresh local containers are mutated, and no unknown code is called."""
        fresh = {n for n in self.stores if self.is_plain_local(n) and all(
            isinstance(s, ast.Assign) and _fresh_container(self, s.value)
            for s in self.binding_stmts(n))}

        def fresh_name(node: ast.AST) -> bool:
            return isinstance(node, ast.Name) and node.id in fresh

        for node in self.scope_nodes:
            if isinstance(node, ast.Call):
                if isinstance(node.func, ast.Attribute):
                    if node.func.attr not in NON_MUTATING and not fresh_name(node.func.value):
                        return False
                elif not (self.is_builtin_call(node, *SAFE_BUILTINS)
                          or call_name(node) in self.trusted):
                    return False
            elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
                if not fresh_name(node.value):
                    return False
            elif isinstance(node, NESTED_SCOPES):
                return False
        return True

    # -- types ------------------------------------------------------------------------------

    def _infer_types(self) -> TypeEnv:
        declared = {p.arg: from_annotation(p.annotation) or self._observed(p.arg)
                    for p in self.param_args}
        a = self.fn.args
        if a.vararg:
            declared[a.vararg.arg] = Ty("tuple", (from_annotation(a.vararg.annotation),), True)
        if a.kwarg:
            declared[a.kwarg.arg] = Ty("dict", (Ty("str"), from_annotation(a.kwarg.annotation)))
        binders = [n for n in self.scope_nodes if isinstance(n, _BINDERS) or (
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ADDING_METHODS)]
        unstable = {n for n in self.bound if not self.element_types_stable(n)}
        deep = self._elements_never_mutated()
        env = TypeEnv({n: BOTTOM for n in self.bound}, self.builtins, deep)
        declared = {n: env.made(t) for n, t in declared.items()}
        for _ in range(12):
            new: dict[str, Maybe] = {n: BOTTOM for n in self.bound}
            for name, ty in declared.items():
                new[name] = ty
            for name in self.unusual:
                new[name] = None
            for node in binders:
                self._bind(node, env, new)
            for name in unstable:
                new[name] = _forget_elements(new[name])
            if new == env.names:
                break
            env = TypeEnv(new, self.builtins)
        env.names = {n: (None if t is BOTTOM else t) for n, t in env.names.items()}
        return env

    def _observed(self, name: str) -> Ty | None:
        hint = self.evidence.get(name)
        return from_annotation(ast.Constant(hint)) if hint else None

    def _bind(self, node: ast.AST, env: TypeEnv, out: dict[str, Maybe]) -> None:
        if isinstance(node, ast.Assign):
            ty = env.of(node.value)
            for target in node.targets:
                bind_target(target, ty, out)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            bind_target(node.target, env.of(node.value), out)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            ty = env.of(ast.BinOp(left=ast.Name(node.target.id, ast.Load()), op=node.op,
                                  right=node.value))
            bind_target(node.target, ty, out)
        elif isinstance(node, ast.For | ast.comprehension):
            bind_target(node.target, elem_of(env.of(node.iter)), out)
        elif isinstance(node, ast.NamedExpr):
            bind_target(node.target, env.of(node.value), out)
        elif isinstance(node, ast.AsyncFor):
            bind_target(node.target, None, out)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.attr in ADDING_METHODS
              and node.func.value.id in out and not node.keywords):
            # Elements added in place join into the list's element type. For anything that is
            # not a list these methods mean something else, and the join with "list" fails.
            args = node.args
            if node.func.attr == "extend" and len(args) == 1:
                added = elem_of(env.of(args[0]))
            elif node.func.attr == "append" and len(args) == 1:
                added = env.of(args[0])
            elif node.func.attr == "insert" and len(args) == 2:
                added = env.of(args[1])
            else:
                added = None
            name = node.func.value.id
            out[name] = join(out[name], env.made(Ty("list", (added,))))

    def type_of(self, node: ast.expr) -> Maybe:
        return self.types.of(node)


_BINDERS = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension,
            ast.NamedExpr)


def _fresh_container(facts: Facts, value: ast.expr) -> bool:
    if isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp
                  | ast.SetComp):
        return True
    return facts.is_builtin_call(value, "list", "dict", "set", "sorted") or (
        call_name(value) in facts.trusted)


def _forget_elements(ty: Maybe) -> Maybe:
    if isinstance(ty, Ty) and ty.kind in {"list", "set", "dict"}:
        return Ty(ty.kind, tuple(None for _ in ty.args), ty.var)
    return ty


def nonnegative(facts: Facts, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
    """`node` is an int that is surely >= 0: literals, len(), sums and products of such, and
    names only ever bound as the counter of a range/enumerate over non-negative bounds."""
    if is_const(node, kind=int):
        return node.value >= 0
    if facts.is_builtin_call(node, "len"):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult | ast.FloorDiv):
        return nonnegative(facts, node.left, seen) and nonnegative(facts, node.right, seen)
    if not isinstance(node, ast.Name) or node.id in seen or not facts.is_plain_local(node.id):
        return False
    if facts.types.names.get(node.id) != Ty("int"):
        return False
    seen = seen | {node.id}
    for store in facts.stores[node.id]:
        site = facts.parents[store]
        if isinstance(site, ast.Tuple):  # `for i, x in enumerate(xs)`
            loop = facts.parents[site]
            if not (isinstance(loop, ast.For | ast.comprehension) and loop.target is site
                    and site.elts[0] is store and facts.is_builtin_call(loop.iter, "enumerate")
                    and len(loop.iter.args) == 1 and not loop.iter.keywords):
                return False
            continue
        if not (isinstance(site, ast.For | ast.comprehension) and site.target is store
                and facts.is_builtin_call(site.iter, "range") and not site.iter.keywords):
            return False
        args = site.iter.args
        if len(args) >= 2 and not nonnegative(facts, args[0], seen):
            return False
        if len(args) == 3 and not (int_const(args[2]) or 0) > 0:
            return False
    return True


# Builtins that, on primitive arguments, neither run user code nor have side effects.
PURE_BUILTINS = {"chr", "ord", "len", "abs", "min", "max", "str", "int", "bool", "repr", "divmod",
                 "hex", "oct", "bin"}
_PURE_NODES = (
    ast.Name, ast.Constant, ast.expr_context, ast.operator, ast.cmpop, ast.unaryop, ast.boolop,
    ast.Slice, ast.IfExp, ast.BoolOp, ast.Tuple, ast.JoinedStr, ast.keyword,
)


def pure_expr(facts: Facts, node: ast.expr) -> bool:
    """Evaluating `node` runs no user code and has no side effect, so it is a function of the
    variables it reads: only builtin operations on values whose types are known primitives."""
    calls_ok: set[int] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            if not _pure_call(facts, n):
                return False
            calls_ok.add(id(n.func))
        elif isinstance(n, ast.Attribute):
            if id(n) not in calls_ok:
                return False
        elif isinstance(n, ast.BinOp):
            if not (is_primitive(facts.type_of(n.left)) and is_primitive(facts.type_of(n.right))):
                return False
        elif isinstance(n, ast.UnaryOp):
            if not is_primitive(facts.type_of(n.operand)):
                return False
        elif isinstance(n, ast.Compare):
            if not _pure_compare(facts, n):
                return False
        elif isinstance(n, ast.Subscript):
            value = facts.type_of(n.value)
            if not (isinstance(value, Ty) and value.kind in {"str", "bytes", "list", "tuple",
                                                             "dict", "range"}):
                return False
            if not isinstance(n.slice, ast.Slice) and not is_hashable(facts.type_of(n.slice)):
                return False
            if value.kind == "dict" and not is_hashable(value.args[0]):
                return False  # unknown keys may run user __eq__ during the lookup
        elif isinstance(n, ast.FormattedValue):
            if not is_primitive(facts.type_of(n.value)):
                return False
        elif isinstance(n, ast.Dict):  # a literal table: keys must hash without user code
            if None in n.keys or not all(is_primitive(facts.type_of(k)) for k in n.keys):
                return False
        elif not isinstance(n, _PURE_NODES):
            return False
    return True


def _pure_call(facts: Facts, call: ast.Call) -> bool:
    if any(isinstance(a, ast.Starred) for a in call.args) or call.keywords:
        return False
    if not all(is_primitive(facts.type_of(a)) for a in call.args):
        return False
    if facts.is_builtin_call(call, *PURE_BUILTINS):
        return True
    if isinstance(call.func, ast.Attribute):
        recv = facts.type_of(call.func.value)
        if isinstance(recv, Ty) and recv.kind in {"str", "bytes"}:
            return call.func.attr in STR_METHODS
        if isinstance(recv, Ty) and recv.kind == "dict":
            return call.func.attr == "get" and all(is_hashable(a) for a in recv.args[:1])
    return False


def _pure_compare(facts: Facts, node: ast.Compare) -> bool:
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands[:-1], operands[1:], strict=True):
        lt, rt = facts.type_of(left), facts.type_of(right)
        if isinstance(op, ast.In | ast.NotIn):
            if not is_hashable(lt) or not isinstance(rt, Ty):
                return False
            if rt.kind in {"str", "bytes", "range"}:
                continue
            if rt.kind not in {"list", "tuple", "set", "frozenset", "dict"}:
                return False
            if not is_hashable(elem_of(rt)):
                return False
        elif not (is_primitive(lt) and is_primitive(rt)):
            return False
    return True


def only_inside(facts: Facts, name: str, node: ast.AST) -> bool:
    """Every reference to `name` in the function lies inside `node`."""
    ids = facts.subtree(node)
    refs = facts.loads.get(name, []) + facts.stores.get(name, [])
    return name not in facts.nested and all(id(r) in ids for r in refs)


def never_aliased(facts: Facts, name: str) -> bool:
    """The object in `name` cannot be reached through another local name: every use reads it,
    calls a method on it or stores into its items."""
    if name in facts.nested or name in facts.unusual:
        return False
    for use in facts.loads.get(name, []):
        parent = facts.parents[use]
        if isinstance(parent, ast.Attribute) and isinstance(facts.parents[parent], ast.Call):
            continue
        if isinstance(parent, ast.Subscript) and parent.value is use:
            continue
        if not facts.read_only_use(use):
            return False
    return True


def unchanged_within(facts: Facts, name: str, region: ast.AST) -> bool:
    """The value in `name` (a never-aliased container or an immutable value) is the same
    object with the same contents throughout `region`."""
    ids = facts.subtree(region)
    if any(id(s) in ids for s in facts.stores.get(name, [])):
        return False
    ty = facts.type_of(ast.Name(name, ast.Load()))
    if isinstance(ty, Ty) and ty.kind in {"str", "bytes", "int", "float", "bool", "range"}:
        return True
    if ty is not None and isinstance(ty, Ty) and ty.kind == "tuple":
        return True
    return never_aliased(facts, name) and all(
        facts.read_only_use(u) for u in facts.loads.get(name, []) if id(u) in ids
    )


def assigned_name(stmt: ast.stmt) -> str | None:
    """`name` for `name = value` and `name: hint = value`."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def earlier_init(facts: Facts, stmt: ast.stmt, name: str,
                 accept: Callable[[ast.expr], bool]) -> ast.Assign | ast.AnnAssign | None:
    """The nearest earlier statement of `stmt`'s block that is `name = <value>` (or
    `name: hint = <value>`) with `accept(value)`, when nothing in between mentions `name`."""
    block, i = facts.block_of(stmt)
    for prev in reversed(block[:i]):
        if assigned_name(prev) == name:
            return prev if accept(prev.value) else None
        if name in names_in(prev):
            return None
    return None


def is_empty_list(facts: Facts, node: ast.expr) -> bool:
    return (isinstance(node, ast.List) and not node.elts) or (
        facts.is_builtin_call(node, "list") and not node.args and not node.keywords)


def is_empty_dict(facts: Facts, node: ast.expr) -> bool:
    return (isinstance(node, ast.Dict) and not node.keys) or (
        facts.is_builtin_call(node, "dict") and not node.args and not node.keywords)


def remove_stmt(facts: Facts, stmt: ast.stmt) -> None:
    block, i = facts.block_of(stmt)
    del block[i]
    if not block:
        block.append(ast.Pass())


def insert_stmts(facts: Facts, anchor: ast.stmt, new: list[ast.stmt], after: bool = False) -> None:
    block, i = facts.block_of(anchor)
    block[i + after:i + after] = new


__all__ = ["Facts", "join", "nonnegative", "pure_expr"]
