"""What one pass over a function knows: parents, bindings, uses and types.

`Facts` is rebuilt from scratch after every edit, so rules can mutate the tree freely. All
answers are conservative: anything the function's own source (or, for parameters without
hints, the types its inputs showed) cannot support counts as unsafe.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from .ast_tools import COMPREHENSIONS, NESTED_SCOPES, FunctionNode, call_name, names_in, walk_scope
from .flow_types import infer_types
from .inference import Maybe
from .known import READING_BUILTINS, READING_METHODS, TRACKED_METHODS


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
        self.types = infer_types(self)

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

    def type_of(self, node: ast.expr) -> Maybe:
        return self.types.of(node)
