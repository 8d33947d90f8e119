"""A small, flow-insensitive type inference over one function.

Types come only from what the source proves: literals, builtin calls, str methods, and the
parameters' annotations (which the verifier's fuzzer also trusts). A name's type is the join of
every value bound to it anywhere in the function; any disagreement or unknown makes it unknown
(None), and rules treat unknown as "do not fire".
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from .known import STR_TO_BOOL, STR_TO_INT, STR_TO_STR


@dataclass(frozen=True)
class Ty:
    kind: str  # int, float, bool, str, bytes, none, list, tuple, set, frozenset, dict, range, ...
    args: tuple[Ty | None, ...] = ()  # element types; a fixed tuple has one per position
    var: bool = False  # tuple[X, ...]

    def __repr__(self) -> str:
        inner = ", ".join(repr(a) for a in self.args) + (", ..." if self.var else "")
        return f"{self.kind}[{inner}]" if self.args else self.kind


class _Bottom:
    """Not bound yet during the fixpoint; never escapes `infer_names`."""

    def __repr__(self) -> str:
        return "BOTTOM"


BOTTOM = _Bottom()
INT, FLOAT, BOOL, STR, BYTES, NONE = (Ty(k) for k in ("int", "float", "bool", "str", "bytes",
                                                      "none"))
RANGE = Ty("range", (INT,))
PRIMITIVE = {"int", "float", "bool", "str", "bytes", "none"}
NUMERIC = {"int", "bool", "float"}
SEQUENCES = {"list", "tuple", "str", "bytes"}  # exact builtins: indexing, slicing, len, iteration

Maybe = Ty | None | _Bottom


def join(a: Maybe, b: Maybe) -> Maybe:
    """Least upper bound: BOTTOM < any type < None (unknown); containers join element-wise."""
    if a is BOTTOM:
        return b
    if b is BOTTOM:
        return a
    if a == b:
        return a
    if (isinstance(a, Ty) and isinstance(b, Ty) and a.kind == b.kind and a.var == b.var
            and len(a.args) == len(b.args) and a.args):
        return Ty(a.kind, tuple(join(x, y) for x, y in zip(a.args, b.args, strict=True)), a.var)
    return None


def join_all(items) -> Maybe:
    out: Maybe = BOTTOM
    for item in items:
        out = join(out, item)
    return out


def seq(kind: str, elem: Maybe) -> Ty:
    return Ty(kind, (None if elem is BOTTOM else elem,), var=kind == "tuple")


def elem_of(ty: Maybe) -> Maybe:
    """The type iteration over a value of type `ty` yields."""
    if ty is BOTTOM or ty is None:
        return ty
    if ty.kind == "str":
        return STR
    if ty.kind == "bytes":
        return INT
    if ty.kind == "tuple" and not ty.var:
        return join_all(ty.args) if ty.args else None
    if ty.kind in {"list", "tuple", "set", "frozenset", "dict", "range", "iter", "keys"}:
        return ty.args[0] if ty.args else None
    if ty.kind == "values":
        return ty.args[1]
    if ty.kind in {"items", "zip", "enumerate"}:
        return Ty("tuple", ty.args)
    return None


MUTABLE = {"list", "dict", "set"}


def shallow(ty: Maybe) -> Maybe:
    """`ty` with the element types of nested mutable containers forgotten: when an element
    list may be mutated through another name, its recorded element type could go stale."""
    if not isinstance(ty, Ty) or not ty.args:
        return ty
    return Ty(ty.kind, tuple(_opaque(a) for a in ty.args), ty.var)


def _opaque(ty: Maybe) -> Maybe:
    if isinstance(ty, Ty) and ty.kind in MUTABLE:
        return Ty(ty.kind, tuple(None for _ in ty.args), ty.var)
    return shallow(ty)


def is_hashable(ty: Maybe) -> bool:
    """Values of this type can always be hashed (sets, dict keys) without TypeError."""
    if not isinstance(ty, Ty):
        return False
    if ty.kind in PRIMITIVE or ty.kind == "frozenset":
        return True
    return ty.kind == "tuple" and bool(ty.args) and all(is_hashable(a) for a in ty.args)


def may_hash(ty: Maybe) -> bool:
    """Not known to be unhashable: unknown types pass, the verifier judges them."""
    return ty is None or is_hashable(ty) or (isinstance(ty, Ty) and ty.kind == "tuple")


def is_totally_ordered(ty: Maybe) -> bool:
    """`<`/`>` on values of this type is a total order (no NaN, no TypeError between values)."""
    if not isinstance(ty, Ty):
        return False
    if ty.kind in {"int", "bool", "str", "bytes"}:
        return True
    return ty.kind == "tuple" and bool(ty.args) and all(is_totally_ordered(a) for a in ty.args)


def is_primitive(ty: Maybe) -> bool:
    return isinstance(ty, Ty) and ty.kind in PRIMITIVE


# -- expressions --------------------------------------------------------------------------


@dataclass
class TypeEnv:
    """Maps names to their inferred type; `builtins` are the builtin names the function does not
    rebind (calls to them are trusted to mean the builtin)."""

    names: dict[str, Maybe]
    builtins: frozenset[str] | set[str]
    deep: bool = False  # nested mutable containers keep their element types
    attributes: dict[str, Maybe] = field(default_factory=dict)  # "self.items" -> its type

    def made(self, ty: Maybe) -> Maybe:
        """A type entering the inference (annotation, display, added element)."""
        return ty if self.deep else shallow(ty)

    def of(self, node: ast.expr) -> Maybe:
        return _infer(node, self)


def _binop(op: ast.operator, a: Maybe, b: Maybe) -> Maybe:
    if a is BOTTOM or b is BOTTOM:
        return BOTTOM
    if STR in (a, b) and None in (a, b) and isinstance(op, ast.Add | ast.Mult):
        # evidence, not proof: str + x and str * n give a str whenever they do not raise
        # (only a __radd__/__rmul__ of x's own could return something else)
        return STR
    if not (isinstance(a, Ty) and isinstance(b, Ty)):
        return None
    ka, kb = a.kind, b.kind
    if ka in NUMERIC and kb in NUMERIC:
        if isinstance(op, ast.Pow | ast.MatMult):
            return None  # int ** negative int is a float
        if isinstance(op, ast.Div):
            return FLOAT
        if "float" in (ka, kb):
            return FLOAT if not isinstance(op, ast.LShift | ast.RShift | ast.BitAnd | ast.BitOr
                                           | ast.BitXor) else None
        if ka == kb == "bool" and isinstance(op, ast.BitAnd | ast.BitOr | ast.BitXor):
            return BOOL
        return INT
    if ka == kb and ka in {"str", "bytes"} and isinstance(op, ast.Add):
        return a
    if ka in {"str", "bytes"} and isinstance(op, ast.Mod):
        return a
    if isinstance(op, ast.Mult) and {ka, kb} in ({"str", "int"}, {"str", "bool"}):
        return STR
    if ka == kb == "list" and isinstance(op, ast.Add):
        return join(a, b)
    if ka == kb == "tuple" and isinstance(op, ast.Add):
        return Ty("tuple", (join(elem_of(a), elem_of(b)),), var=True)
    return None


def _call(node: ast.Call, env: TypeEnv) -> Maybe:
    func, args = node.func, node.args
    if isinstance(func, ast.Name) and func.id in env.builtins and not node.keywords:
        name = func.id
        first = env.of(args[0]) if args else None
        if any(isinstance(a, ast.Starred) for a in args):
            return None
        if name in {"len", "ord", "hash", "id"}:
            return INT
        if name in {"chr", "repr", "ascii", "hex", "oct", "bin", "format"}:
            return STR
        if name == "str":
            return STR if len(args) <= 1 else None
        if name == "int":
            return INT
        if name == "float":
            return FLOAT
        if name in {"bool", "isinstance", "callable", "hasattr", "any", "all"}:
            return BOOL
        if name == "abs" and len(args) == 1:
            return INT if first == BOOL else (first if first in (INT, FLOAT) else None)
        if name in {"min", "max"}:
            return join_all(env.of(a) for a in args) if len(args) > 1 else elem_of(first)
        if name in {"list", "sorted", "set", "frozenset"} and len(args) <= 1:
            return seq("list" if name == "sorted" else name, elem_of(first) if args else None)
        if name == "tuple" and len(args) <= 1:
            return seq("tuple", elem_of(first) if args else None)
        if name == "dict" and not args:
            return Ty("dict", (None, None))
        if name == "range":
            return RANGE
        if name == "reversed" and len(args) == 1:
            return Ty("iter", (elem_of(first),))
        if name == "enumerate" and len(args) == 1:
            return Ty("enumerate", (INT, elem_of(first)))
        if name == "zip" and args:
            return Ty("zip", tuple(elem_of(env.of(a)) for a in args))
        return None
    if isinstance(func, ast.Attribute):
        recv = env.of(func.value)
        if recv is BOTTOM:
            return BOTTOM
        if recv == STR:
            m = func.attr
            if m in STR_TO_STR:
                return STR
            if m in STR_TO_BOOL:
                return BOOL
            if m in STR_TO_INT:
                return INT
            if m in {"split", "rsplit", "splitlines"}:
                return Ty("list", (STR,))
            if m == "encode":
                return BYTES
        if isinstance(recv, Ty) and recv.kind == "list" and not node.keywords:
            if func.attr == "pop" and len(args) <= 1:
                return recv.args[0]
            if func.attr == "copy" and not args:
                return recv
            if func.attr in {"index", "count"}:
                return INT
        if isinstance(recv, Ty) and recv.kind == "dict" and not node.keywords:
            if not args and func.attr in {"keys", "values", "items"}:
                return Ty(func.attr, recv.args)
            if func.attr == "get" and len(args) in (1, 2):
                return join(recv.args[1], env.of(args[1]) if len(args) == 2 else NONE)
            if func.attr in {"pop", "setdefault"} and len(args) == 2:
                return join(recv.args[1], env.of(args[1]))
    return None


def _subscript(node: ast.Subscript, env: TypeEnv) -> Maybe:
    value = env.of(node.value)
    if not isinstance(value, Ty):
        return value
    is_slice = isinstance(node.slice, ast.Slice)
    if value.kind == "str":
        return STR
    if value.kind == "bytes":
        return BYTES if is_slice else INT
    if value.kind == "list":
        return value if is_slice else value.args[0]
    if value.kind == "tuple":
        if is_slice:
            return Ty("tuple", (elem_of(value) if value.var else None,), var=True)
        if value.var:
            return value.args[0]
        if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
            i = node.slice.value
            return value.args[i] if -len(value.args) <= i < len(value.args) else None
        return None
    if value.kind == "dict" and not is_slice:
        return value.args[1]
    if value.kind == "range":
        return value if is_slice else INT
    return None


def _infer(node: ast.expr, env: TypeEnv) -> Maybe:
    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            return BOOL
        return {int: INT, float: FLOAT, str: STR, bytes: BYTES, type(None): NONE}.get(type(v))
    if isinstance(node, ast.JoinedStr):
        return STR
    if isinstance(node, ast.Name):
        return env.names.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return env.attributes.get(f"{node.value.id}.{node.attr}")
    if isinstance(node, ast.NamedExpr):
        return _infer(node.value, env)
    if isinstance(node, ast.Tuple):
        if any(isinstance(e, ast.Starred) for e in node.elts):
            return Ty("tuple", (None,), var=True)
        parts = tuple(_infer(e, env) for e in node.elts)
        if any(p is BOTTOM for p in parts):
            return BOTTOM
        return env.made(Ty("tuple", parts)) if parts else Ty("tuple", (None,), var=True)
    if isinstance(node, ast.List):
        if any(isinstance(e, ast.Starred) for e in node.elts):
            return Ty("list", (None,))
        return env.made(Ty("list", (join_all(_infer(e, env) for e in node.elts),)))
    if isinstance(node, ast.ListComp):
        return env.made(Ty("list", (_infer(node.elt, env),)))
    if isinstance(node, ast.GeneratorExp):
        return Ty("iter", (_infer(node.elt, env),))
    if isinstance(node, ast.SetComp):
        return env.made(Ty("set", (_infer(node.elt, env),)))
    if isinstance(node, ast.Set):
        return Ty("set", (None,))
    if isinstance(node, ast.Dict) and node.keys and None not in node.keys:
        keys, values = (join_all(_infer(e, env) for e in part) for part in (node.keys, node.values))
        return env.made(Ty("dict", (keys, values)))
    if isinstance(node, ast.Dict | ast.DictComp):
        return Ty("dict", (None, None))
    if isinstance(node, ast.BinOp):
        return _binop(node.op, _infer(node.left, env), _infer(node.right, env))
    if isinstance(node, ast.UnaryOp):
        operand = _infer(node.operand, env)
        if isinstance(node.op, ast.Not):
            return BOOL
        if operand is BOTTOM or not isinstance(operand, Ty):
            return operand
        if operand.kind in {"int", "bool"}:
            return INT
        return FLOAT if operand == FLOAT and not isinstance(node.op, ast.Invert) else None
    if isinstance(node, ast.Compare):
        if all(isinstance(op, ast.Is | ast.IsNot) for op in node.ops):
            return BOOL
        parts = [_infer(e, env) for e in [node.left, *node.comparators]]
        if any(p is BOTTOM for p in parts):
            return BOTTOM
        if all(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            return BOOL if all(isinstance(p, Ty) for p in parts[1:]) else None
        return BOOL if all(is_primitive(p) for p in parts) else None
    if isinstance(node, ast.BoolOp):
        return join_all(_infer(v, env) for v in node.values)
    if isinstance(node, ast.IfExp):
        return join(_infer(node.body, env), _infer(node.orelse, env))
    if isinstance(node, ast.Call):
        return _call(node, env)
    if isinstance(node, ast.Subscript):
        return _subscript(node, env)
    return None


def bind_target(target: ast.expr, ty: Maybe, out: dict[str, Maybe]) -> None:
    """Join `ty` into every name that assigning a value of that type to `target` binds."""
    if isinstance(target, ast.Name):
        out[target.id] = join(out.get(target.id, BOTTOM), ty)
    elif isinstance(target, ast.Tuple | ast.List):
        fixed = (
            isinstance(ty, Ty) and ty.kind == "tuple" and not ty.var
            and len(ty.args) == len(target.elts)
            and not any(isinstance(e, ast.Starred) for e in target.elts)
        )
        for i, elt in enumerate(target.elts):
            if ty is BOTTOM:
                bind_target(elt, BOTTOM, out)
            else:
                bind_target(elt, ty.args[i] if fixed else None, out)
    elif isinstance(target, ast.Starred):
        bind_target(target.value, None, out)
