"""Values rebuilt from their encodings (encode.py), so that a class's own `__eq__` can judge
two of them: the `equal` operation of the original's worker.

Only what the encoding names is touched, and only if it is already loaded here: names are
looked up in `sys.modules`, nothing is imported. The parent sends a candidate's value only
when every name in it also appears in the original's value (equality.Comparer._user_eq), so
rebuilding runs the user's classes, never a callable the candidate picked.
"""

from __future__ import annotations

import copyreg
import struct
import sys
from typing import Any


class Unrebuildable(Exception):
    pass


def resolve(dotted: str) -> Any:
    """A loaded module's attribute by `module.qualname`, trying the longest module first."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        value: Any = module
        try:
            for attr in parts[cut:]:
                value = getattr(value, attr)
        except AttributeError:
            continue
        return value
    raise Unrebuildable(f"{dotted} is not loaded")


def _set_state(obj: Any, state: Any) -> None:
    if state is None:
        return
    setstate = getattr(obj, "__setstate__", None)
    if setstate is not None and type(obj).__setstate__ is not object.__setstate__:
        setstate(state)
        return
    slots = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    for key, value in {**(state or {}), **(slots or {})}.items():
        object.__setattr__(obj, key, value)


def decode(node: Any) -> Any:
    if not isinstance(node, list) or len(node) < 2:
        raise Unrebuildable("not a node")
    kind, name = node[0], node[1]
    if kind == "none":
        return None
    if kind in ("bool", "int"):
        return int(node[2]) if kind == "int" else bool(node[2])
    if kind == "float":
        return struct.unpack(">d", node[2])[0]
    if kind == "complex":
        return complex(*struct.unpack(">dd", node[2]))
    if kind in ("str", "bytes"):
        if isinstance(node[2], dict):
            raise Unrebuildable("only a digest of it was sent")
        return node[2]
    if kind == "name":
        return resolve(node[2])
    handler = _DECODERS.get(kind)
    if handler is None:
        raise Unrebuildable(f"{kind} values cannot be rebuilt")
    return handler(node, None if kind in ("iter", "nd") else resolve(name))


def _attrs(obj: Any, node: list) -> Any:
    if len(node) > 3 and node[3] is not None:
        for key, value in decode(node[3]).items():
            if key != "_fields":
                object.__setattr__(obj, key, value)
    return obj


def _seq(node: list, cls: type) -> Any:
    items = [decode(x) for x in node[2]]
    if cls is list or cls is tuple:
        return cls(items)
    obj = tuple.__new__(cls, items) if issubclass(cls, tuple) else cls.__new__(cls)
    if isinstance(obj, list):
        list.extend(obj, items)
    return _attrs(obj, node)


def _map(node: list, cls: type) -> Any:
    pairs = [(decode(k), decode(v)) for k, v in node[2]]
    if cls is dict:
        return dict(pairs)
    obj = cls.__new__(cls)
    dict.update(obj, pairs)
    return _attrs(obj, node)


def _set(node: list, cls: type) -> Any:
    return cls(decode(x) for x in node[2])


def _exc(node: list, cls: type) -> Any:
    exc = cls(*decode(node[2]))
    for key, value in decode(node[3]).items():
        setattr(exc, key, value)
    if node[4] is not None:
        exc.__cause__ = decode(node[4])
    return exc


def _obj(node: list, cls: type) -> Any:
    obj = cls.__new__(cls)
    for key, value in decode(node[2]).items():
        object.__setattr__(obj, key, value)
    return obj


def _red(node: list, cls: type) -> Any:
    func, args, *rest = node[2]
    callable_, arguments = decode(func), decode(args)
    if callable_ is copyreg.__newobj__:
        obj = cls.__new__(cls, *arguments)
    else:
        obj = callable_(*arguments)
    rest = rest + [None] * (3 - len(rest))
    _set_state(obj, decode(rest[0]) if rest[0] is not None else None)
    if rest[1] is not None:
        for item in decode(rest[1]):
            obj.append(item)
    if rest[2] is not None:
        for key, value in decode(rest[2]):
            obj[key] = value
    return obj


def _iter(node: list, cls: type) -> Any:
    return iter([decode(x) for x in node[2]])


def _nd(node: list, cls: type) -> Any:
    import numpy  # loaded already, or the original had no array to compare

    return numpy.array(decode(node[4]), dtype=node[2]).reshape(node[3])


_DECODERS = {
    "seq": _seq,
    "map": _map,
    "set": _set,
    "exc": _exc,
    "obj": _obj,
    "red": _red,
    "iter": _iter,
    "nd": _nd,
}


def equal(a: Any, b: Any) -> bool | None:
    """`a == b` on the rebuilt values; None when either cannot be rebuilt or `==` does not
    give a plain answer (the parent then keeps its structural verdict)."""
    try:
        left, right = decode(a), decode(b)
        answer = left == right
    except Exception:  # noqa: BLE001 - no answer is an answer here
        return None
    return answer if isinstance(answer, bool) else None
