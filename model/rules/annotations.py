"""Type hints read as the inference's types ("list[int]" -> Ty("list", (INT,)))."""

from __future__ import annotations

import ast

from afterburner.sandbox import syntax

from .inference import BOOL, BYTES, FLOAT, INT, NONE, STR, Ty

_SIMPLE = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR, "bytes": BYTES}
_GENERIC = {
    "list": "list", "List": "list", "set": "set", "Set": "set", "frozenset": "frozenset",
    "FrozenSet": "frozenset", "dict": "dict", "Dict": "dict", "tuple": "tuple", "Tuple": "tuple",
}


def _ann_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id in {"typing", "builtins"} else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # "list[int]"
        try:
            return _ann_name(syntax.parse(node.value, mode="eval").body)
        except SyntaxError:
            return None
    return None


def from_annotation(node: ast.expr | None) -> Ty | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return from_annotation(syntax.parse(node.value, mode="eval").body)
        except SyntaxError:
            return None
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    name = _ann_name(node)
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name in _GENERIC:
        return Ty(_GENERIC[name], (None, None) if _GENERIC[name] == "dict" else (None,),
                  var=_GENERIC[name] == "tuple")
    if not isinstance(node, ast.Subscript):
        return None
    kind = _GENERIC.get(_ann_name(node.value) or "")
    if kind is None:
        return None
    parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if kind == "tuple":
        if len(parts) == 2 and isinstance(parts[1], ast.Constant) and parts[1].value is ...:
            return Ty("tuple", (from_annotation(parts[0]),), var=True)
        return Ty("tuple", tuple(from_annotation(p) for p in parts))
    if kind == "dict":
        if len(parts) != 2:
            return None
        return Ty("dict", (from_annotation(parts[0]), from_annotation(parts[1])))
    return Ty(kind, (from_annotation(parts[0]),)) if len(parts) == 1 else None
