"""Small, generic helpers over Python ASTs: walking one function's own scope, finding names
and calls, building and copying nodes."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from afterburner.sandbox import syntax

NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


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
