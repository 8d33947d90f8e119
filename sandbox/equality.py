"""Equality of encoded values (see child/encode.py), decided in the parent.

Neither side's code runs here: the original's and the candidate's workers each send what
their calls produced as plain data, and this module says whether, and where, they differ.
Rules: same type name at every node; floats equal by value (NaN equals NaN, no tolerance);
dicts and attributes in order; sets as sets; iterators by what they yielded and whether
they were exhausted; exceptions by type, args, attributes and the exceptions they wrap.
"""

from __future__ import annotations

import math
import struct
from typing import Any

_MAX_SHOWN = 120


def _floats(payload: bytes, count: int) -> tuple[float, ...]:
    return struct.unpack(">" + "d" * count, payload)


def show(node: Any, limit: int = _MAX_SHOWN) -> str:
    """A short Python-like rendering of an encoded value, for messages."""
    text = _render(node, 3)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short_type(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _render(node: Any, depth: int) -> str:
    if not isinstance(node, list) or len(node) < 2:
        return repr(node)
    kind, name = node[0], node[1]
    payload = node[2] if len(node) > 2 else None
    if kind == "none":
        return "None"
    if kind in ("bool", "int"):
        return str(payload)
    if kind == "float":
        return repr(_floats(payload, 1)[0])
    if kind == "complex":
        return repr(complex(*_floats(payload, 2)))
    if kind in ("str", "bytes"):
        if isinstance(payload, dict):
            return f"<{kind} of length {payload['len']}: {payload['head']!r}...>"
        return repr(payload)
    if depth <= 0:
        return f"<{_short_type(name)}>"
    inner = [_render(x, depth - 1) for x in (payload or [])[:8]] if kind != "map" else []
    more = ", ..." if isinstance(payload, list) and len(payload) > 8 else ""
    if kind == "seq":
        if name == "builtins.tuple":
            return "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + more + ")"
        body = "[" + ", ".join(inner) + more + "]"
        return body if name == "builtins.list" else f"{_short_type(name)}({body})"
    if kind == "map":
        pairs = [f"{_render(k, depth - 1)}: {_render(v, depth - 1)}" for k, v in payload[:8]]
        body = "{" + ", ".join(pairs) + more + "}"
        return body if name == "builtins.dict" else f"{_short_type(name)}({body})"
    if kind == "set":
        return f"{_short_type(name)}({{{', '.join(inner)}{more}}})"
    if kind == "iter":
        return f"<{_short_type(name)} yielding [{', '.join(inner)}{more}]>"
    if kind == "exc":
        return f"{_short_type(name)}{_render(payload, depth - 1)}"
    if kind in ("name", "opaque"):
        return str(payload)
    return f"<{_short_type(name)}>"


def difference(a: Any, b: Any, where: str = "result") -> str | None:
    """None when the two encodings are the same value; else where and how they differ."""
    if a == b:
        return None
    if not (isinstance(a, list) and isinstance(b, list) and len(a) >= 2 and len(b) >= 2):
        return f"{where}: {show(a)} vs {show(b)}"
    if a[1] != b[1]:
        return (
            f"{where}: type {_short_type(a[1])} vs {_short_type(b[1])} "
            f"({show(a)} vs {show(b)})"
        )
    if a[0] != b[0]:
        return f"{where}: {show(a)} vs {show(b)}"
    handler = _BY_KIND.get(a[0], _scalar)
    return handler(a, b, where)


def _scalar(a: list, b: list, where: str) -> str | None:
    return None if a == b else f"{where}: {show(a)} vs {show(b)}"


def _float(a: list, b: list, where: str) -> str | None:
    count = 1 if a[0] == "float" else 2
    xs, ys = _floats(a[2], count), _floats(b[2], count)
    if all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(xs, ys, strict=True)):
        return None
    return f"{where}: {show(a)} vs {show(b)}"


def _items(a: list, b: list, where: str, label: str = "", attrs: bool = True) -> str | None:
    xs, ys = a[2], b[2]
    if len(xs) != len(ys):
        return f"{where}: length {len(xs)} vs {len(ys)}{label}"
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        diff = difference(x, y, f"{where}[{i}]")
        if diff:
            return diff
    return _attrs(a, b, where, 3) if attrs else None


def _attrs(a: list, b: list, where: str, index: int) -> str | None:
    x = a[index] if len(a) > index else None
    y = b[index] if len(b) > index else None
    if x == y:
        return None
    return difference(x, y, f"{where} attributes")


def _map(a: list, b: list, where: str) -> str | None:
    keys_a, keys_b = [k for k, _ in a[2]], [k for k, _ in b[2]]
    if keys_a != keys_b:
        if len(keys_a) == len(keys_b) and all(k in keys_b for k in keys_a):
            return f"{where}: same keys in a different order"
        shown_a = "[" + ", ".join(show(k, 30) for k in keys_a[:6]) + "]"
        shown_b = "[" + ", ".join(show(k, 30) for k in keys_b[:6]) + "]"
        return f"{where}: keys {shown_a} vs {shown_b}"
    for (key, x), (_, y) in zip(a[2], b[2], strict=True):
        diff = difference(x, y, f"{where}[{show(key, 40)}]")
        if diff:
            return diff
    return _attrs(a, b, where, 3)


def _set(a: list, b: list, where: str) -> str | None:
    if a[2] == b[2]:
        return _attrs(a, b, where, 3)
    if len(a[2]) != len(b[2]):
        return f"{where}: {len(a[2])} elements vs {len(b[2])}"
    return f"{where}: {show(a)} vs {show(b)}"


def _iterator(a: list, b: list, where: str) -> str | None:
    diff = _items(a, b, f"{where} (yielded)", " values", attrs=False)
    if diff:
        return diff
    if a[3] != b[3]:
        return f"{where}: one iterator was exhausted after {len(a[2])} values, the other not"
    return None


def _exception(a: list, b: list, where: str) -> str | None:
    for index, label in ((2, "args"), (3, "attributes")):
        diff = difference(a[index], b[index], f"{where} {label}")
        if diff:
            return diff
    if (a[4] is None) != (b[4] is None):
        return f"{where}: only one of them wraps another exception"
    if a[4] is not None:
        diff = difference(a[4], b[4], f"{where} (wrapped)")
        if diff:
            return diff
    if len(a[5]) != len(b[5]):
        return f"{where}: groups of {len(a[5])} vs {len(b[5])} exceptions"
    for i, (x, y) in enumerate(zip(a[5], b[5], strict=True)):
        diff = difference(x, y, f"{where}.exceptions[{i}]")
        if diff:
            return diff
    return None


def _nested(a: list, b: list, where: str) -> str | None:
    return difference(a[2], b[2], where)


def _reduced(a: list, b: list, where: str) -> str | None:
    for i, (x, y) in enumerate(zip(a[2], b[2], strict=False)):
        diff = difference(x, y, f"{where} (state {i})")
        if diff:
            return diff
    return None if len(a[2]) == len(b[2]) else f"{where}: {show(a)} vs {show(b)}"


_BY_KIND = {
    "float": _float,
    "complex": _float,
    "seq": _items,
    "map": _map,
    "set": _set,
    "iter": _iterator,
    "exc": _exception,
    "obj": _nested,
    "weak": _nested,
    "red": _reduced,
}
