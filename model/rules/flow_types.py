"""The types of a function's locals, for `Facts`: declared (annotations, or the types the
captured inputs showed) and joined over every binding to a fixpoint."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from .annotations import from_annotation
from .ast_tools import NESTED_SCOPES, call_name
from .inference import BOTTOM, Maybe, Ty, TypeEnv, bind_target, elem_of, join
from .known import ADDING_METHODS, NON_MUTATING, SAFE_BUILTINS

if TYPE_CHECKING:
    from .analysis import Facts


def _elements_never_mutated(facts: Facts) -> bool:
    """No container reached through another one (an element, a dict value) can change:
    only fresh local containers are mutated, and no unknown code is called."""
    fresh = {n for n in facts.stores if facts.is_plain_local(n) and all(
        isinstance(s, ast.Assign) and _fresh_container(facts, s.value)
        for s in facts.binding_stmts(n))}

    def fresh_name(node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id in fresh

    for node in facts.scope_nodes:
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                if node.func.attr not in NON_MUTATING and not fresh_name(node.func.value):
                    return False
            elif not (facts.is_builtin_call(node, *SAFE_BUILTINS)
                      or call_name(node) in facts.trusted):
                return False
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
            if not fresh_name(node.value):
                return False
        elif isinstance(node, NESTED_SCOPES):
            return False
    return True

def _attributes(facts: Facts) -> dict[str, Maybe]:
    """Types the inputs showed for attributes of parameters (`self.items`), where the
    function never assigns or deletes that attribute."""
    assigned = {f"{n.value.id}.{n.attr}" for n in facts.scope_nodes
                if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)
                and isinstance(n.value, ast.Name)}
    out = {}
    for key, hint in facts.evidence.items():
        owner, _, attr = key.partition(".")
        if attr and key not in assigned and facts.is_plain_param(owner):
            out[key] = from_annotation(ast.Constant(hint))
    return out


def infer_types(facts: Facts) -> TypeEnv:
    """Every local's type: annotations (or the types the inputs showed), then a fixpoint over
    the bindings."""
    declared = {p.arg: from_annotation(p.annotation) or _observed(facts, p.arg)
                for p in facts.param_args}
    a = facts.fn.args
    if a.vararg:
        declared[a.vararg.arg] = Ty("tuple", (from_annotation(a.vararg.annotation),), True)
    if a.kwarg:
        declared[a.kwarg.arg] = Ty("dict", (Ty("str"), from_annotation(a.kwarg.annotation)))
    binders = [n for n in facts.scope_nodes if isinstance(n, _BINDERS) or (
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        and n.func.attr in ADDING_METHODS)]
    unstable = {n for n in facts.bound if not facts.element_types_stable(n)}
    deep = _elements_never_mutated(facts)
    attributes = _attributes(facts)
    env = TypeEnv({n: BOTTOM for n in facts.bound}, facts.builtins, deep, attributes)
    declared = {n: env.made(t) for n, t in declared.items()}
    for _ in range(12):
        new: dict[str, Maybe] = {n: BOTTOM for n in facts.bound}
        for name, ty in declared.items():
            new[name] = ty
        for name in facts.unusual:
            new[name] = None
        for node in binders:
            _bind(facts, node, env, new)
        for name in unstable:
            new[name] = _forget_elements(new[name])
        if new == env.names:
            break
        env = TypeEnv(new, facts.builtins, attributes=attributes)
    env.names = {n: (None if t is BOTTOM else t) for n, t in env.names.items()}
    return env

def _observed(facts: Facts, name: str) -> Ty | None:
    hint = facts.evidence.get(name)
    return from_annotation(ast.Constant(hint)) if hint else None

def _bind(facts: Facts, node: ast.AST, env: TypeEnv, out: dict[str, Maybe]) -> None:
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
