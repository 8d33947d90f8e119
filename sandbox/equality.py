"""Equality of encoded values (see child/encode.py), decided in the parent.

Neither side's code runs here, except one thing: a class of the user's that defines its own
`__eq__` is asked, in the original's worker, whether the two values are equal
(`Comparer.equal`), because that is what equality means for it. The policy:
- same type name at every node; ints, strings, bytes exactly;
- floats exactly (NaN equals NaN), or within `tolerance` relative when the user allows it;
  values that differ only within 1e-12 relative are reported as float rounding, with the
  setting that allows it;
- lists and tuples in order, dicts and attributes in order, sets as sets;
- iterators (builtin, itertools, generators) by what they yielded, whether they ran out,
  and what they hold back when they did not;
- exceptions by type, args, attributes, an explicit `__cause__`, the implicit `__context__`
  when both have one, and the members of an exception group;
- instances of user classes by the class's own `__eq__` when it has one, else by state
  (`__dict__` and every slot); other objects by their pickling parts (`__reduce_ex__`):
  datetime, Decimal, Fraction, array.array with its typecode, deque with its maxlen;
- numpy arrays by dtype, shape and elements; pandas objects by index, columns, dtypes and
  values.
"""

from __future__ import annotations

import math
import struct
import tempfile
from collections.abc import Callable
from typing import Any

_MAX_SHOWN = 120
ROUNDING = 1e-12  # relative difference reported as "only float rounding"
Equal = Callable[[list, list], bool | None]  # the user's __eq__ on two encoded values


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
    listed = kind in ("seq", "set", "iter") and isinstance(payload, list)
    inner = [_render(x, depth - 1) for x in payload[:8]] if listed else []
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
    if kind == "obj" and isinstance(payload, list) and len(payload) > 2:
        fields = [
            f"{_render(k, 0).strip(chr(39))}={_render(v, depth - 1)}" for k, v in payload[2][:6]
        ]
        return f"{_short_type(name)}({', '.join(fields)})"
    return f"<{_short_type(name)}>"


def names_in(node: Any, found: set[str] | None = None) -> set[str]:
    """Every type and callable an encoding names: what rebuilding it would touch."""
    found = set() if found is None else found
    if isinstance(node, list):
        children = node
        if len(node) >= 2 and isinstance(node[0], str) and isinstance(node[1], str):
            found.add(node[1])
            if node[0] == "name" and len(node) > 2 and isinstance(node[2], str):
                found.add(node[2])
            children = node[2:]
        for child in children:
            names_in(child, found)
    elif isinstance(node, dict):
        for child in node.values():
            names_in(child, found)
    return found


class Comparer:
    """One comparison policy: exact floats or a relative tolerance, and optionally the
    user's `__eq__` (run by the original's worker) for classes that define one."""

    def __init__(
        self,
        tolerance: float = 0.0,
        equal: Equal | None = None,
        temp_root: str | None = tempfile.gettempdir(),
    ) -> None:
        self.tolerance = max(0.0, float(tolerance))
        self.equal = equal
        self.temp_root = temp_root.rstrip("/") + "/" if temp_root else None
        self._rounding = 0.0  # largest relative difference let through as rounding
        self._rounding_at: str | None = None

    def difference(self, a: Any, b: Any, where: str = "result") -> str | None:
        """None when the two encodings are the same value; else where and how they differ."""
        self._rounding, self._rounding_at = 0.0, None
        diff = self._diff(a, b, where)
        if diff is None and self._rounding_at is not None:
            return (
                f"{self._rounding_at}: differs only in float rounding: max relative difference "
                f"{self._rounding:.2g}; allow it with --float-tolerance 1e-12 "
                "(setting afterburner.equivalence.floatTolerance)"
            )
        return diff

    def _diff(self, a: Any, b: Any, where: str) -> str | None:
        if a == b:
            return None
        if not (isinstance(a, list) and isinstance(b, list) and len(a) >= 2 and len(b) >= 2):
            return f"{where}: {show(a)} vs {show(b)}"
        if a[1] != b[1]:
            return (
                f"{where}: type {_short_type(a[1])} vs {_short_type(b[1])} ({show(a)} vs {show(b)})"
            )
        if a[0] != b[0]:
            return f"{where}: {show(a)} vs {show(b)}"
        handler = getattr(self, "_" + a[0], None) if a[0] in _KINDS else None
        return handler(a, b, where) if handler else f"{where}: {show(a)} vs {show(b)}"

    # -- numbers ---------------------------------------------------------------------
    def _float(self, a: list, b: list, where: str) -> str | None:
        count = 1 if a[0] == "float" else 2
        worst = 0.0
        for x, y in zip(_floats(a[2], count), _floats(b[2], count), strict=True):
            if x == y or (math.isnan(x) and math.isnan(y)):
                continue
            scale = max(abs(x), abs(y))
            rel = abs(x - y) / scale if math.isfinite(scale) and scale > 0 else math.inf
            worst = max(worst, rel)
        if worst == 0.0 or worst <= self.tolerance:
            return None
        if worst <= ROUNDING:
            if worst > self._rounding:
                self._rounding = worst
            self._rounding_at = self._rounding_at or where
            return None
        return f"{where}: {show(a)} vs {show(b)}"

    _complex = _float

    def _str(self, a: list, b: list, where: str) -> str | None:
        x, y = a[2], b[2]
        if isinstance(x, str) and isinstance(y, str) and self._same_temp_path(x, y):
            return None
        return f"{where}: {show(a)} vs {show(b)}"

    def _same_temp_path(self, x: str, y: str) -> bool:
        """Two paths under the temporary directory that differ only in the random part of
        tempfile's names: each side makes its own (mkdtemp, NamedTemporaryFile)."""
        root = self.temp_root
        if root is None or not (x.startswith(root) and y.startswith(root)):
            return False
        xs, ys = x.split("/"), y.split("/")
        if len(xs) != len(ys):
            return False
        for p, q in zip(xs, ys, strict=True):
            if p == q:
                continue
            if len(p) != len(q):
                return False
            at = [i for i, (c, d) in enumerate(zip(p, q, strict=True)) if c != d]
            if not any(_random_run(p, q, start) for start in range(at[-1] - 7, at[0] + 1)):
                return False
        return True

    # -- containers ------------------------------------------------------------------
    def _seq(self, a: list, b: list, where: str, label: str = "", attrs: bool = True):
        xs, ys = a[2], b[2]
        if len(xs) != len(ys):
            return f"{where}: length {len(xs)} vs {len(ys)}{label}"
        for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
            diff = self._diff(x, y, f"{where}[{i}]")
            if diff:
                return diff
        return self._attrs(a, b, where, 3) if attrs else None

    def _attrs(self, a: list, b: list, where: str, index: int) -> str | None:
        x = a[index] if len(a) > index else None
        y = b[index] if len(b) > index else None
        return None if x == y else self._diff(x, y, f"{where} attributes")

    def _map(self, a: list, b: list, where: str) -> str | None:
        keys_a, keys_b = [k for k, _ in a[2]], [k for k, _ in b[2]]
        if keys_a != keys_b:
            if len(keys_a) == len(keys_b) and all(k in keys_b for k in keys_a):
                return f"{where}: same keys in a different order"
            shown_a = "[" + ", ".join(show(k, 30) for k in keys_a[:6]) + "]"
            shown_b = "[" + ", ".join(show(k, 30) for k in keys_b[:6]) + "]"
            return f"{where}: keys {shown_a} vs {shown_b}"
        for (key, x), (_, y) in zip(a[2], b[2], strict=True):
            diff = self._diff(x, y, f"{where}[{show(key, 40)}]")
            if diff:
                return diff
        return self._attrs(a, b, where, 3)

    def _set(self, a: list, b: list, where: str) -> str | None:
        if a[2] == b[2]:
            return self._attrs(a, b, where, 3)
        if len(a[2]) != len(b[2]):
            return f"{where}: {len(a[2])} elements vs {len(b[2])}"
        return f"{where}: {show(a)} vs {show(b)}"

    def _iter(self, a: list, b: list, where: str) -> str | None:
        diff = self._seq(a, b, f"{where} (yielded)", " values", attrs=False)
        if diff:
            return diff
        if a[3] != b[3]:
            return f"{where}: one iterator was exhausted after {len(a[2])} values, the other not"
        for index, label in ((4, "values left"), (5, "state left")):
            diff = self._diff(_at(a, index), _at(b, index), f"{where} ({label})")
            if diff:
                return diff
        return None

    def _exc(self, a: list, b: list, where: str) -> str | None:
        for index, label in ((2, "args"), (3, "attributes")):
            diff = self._diff(a[index], b[index], f"{where} {label}")
            if diff:
                return diff
        # An explicit cause is part of what the code raises; the implicit context says only
        # what was being handled, which a rewrite that checks instead of catching changes.
        explicit = _at(a, 6, True), _at(b, 6, True)
        if (a[4] is None) != (b[4] is None) and (explicit[0] or explicit[1]):
            return f"{where}: only one of them was raised from another exception"
        if a[4] is not None and b[4] is not None:
            diff = self._diff(a[4], b[4], f"{where} (wrapped)")
            if diff:
                return diff
        if len(a[5]) != len(b[5]):
            return f"{where}: groups of {len(a[5])} vs {len(b[5])} exceptions"
        for i, (x, y) in enumerate(zip(a[5], b[5], strict=True)):
            diff = self._diff(x, y, f"{where}.exceptions[{i}]")
            if diff:
                return diff
        return None

    # -- objects ---------------------------------------------------------------------
    def _obj(self, a: list, b: list, where: str) -> str | None:
        diff = self._diff(a[2], b[2], where)
        return self._user_eq(a, b, where, diff)

    def _weak(self, a: list, b: list, where: str) -> str | None:
        return self._diff(a[2], b[2], f"{where} (referent)")

    def _red(self, a: list, b: list, where: str) -> str | None:
        diff = None
        for i, (x, y) in enumerate(zip(a[2], b[2], strict=False)):
            diff = self._diff(x, y, f"{where} (state {i})")
            if diff:
                break
        if diff is None and len(a[2]) != len(b[2]):
            diff = f"{where}: {show(a)} vs {show(b)}"
        return self._user_eq(a, b, where, diff)

    def _nd(self, a: list, b: list, where: str) -> str | None:
        for index, label in ((2, "dtype"), (3, "shape")):
            if a[index] != b[index]:
                return f"{where}: {label} {a[index]} vs {b[index]}"
        return self._diff(a[4], b[4], f"{where} (elements)")

    def _frame(self, a: list, b: list, where: str) -> str | None:
        for i, label in enumerate(("index", "columns", "dtypes", "values", "name")):
            diff = self._diff(_at(a, i + 2), _at(b, i + 2), f"{where} {label}")
            if diff:
                return diff
        return None

    def _user_eq(self, a: list, b: list, where: str, diff: str | None) -> str | None:
        """Structurally different instances of a class with its own `__eq__`: its answer.
        The candidate's value may name only types and callables the original's also names,
        so rebuilding it in the original's worker runs nothing the candidate chose."""
        if diff is None or self.equal is None or not _at(a, 3):
            return diff
        if not names_in(b) <= names_in(a):
            return diff
        answer = self.equal(a, b)
        if answer is True:
            return None
        if answer is False:
            return f"{where}: {_short_type(a[1])}.__eq__ says they differ ({diff})"
        return diff


_TEMP_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _random_run(p: str, q: str, start: int) -> bool:
    """Whether p and q have, at start, eight characters tempfile could have drawn."""
    if start < 0 or start + 8 > len(p):
        return False
    return all(p[i] in _TEMP_CHARS and q[i] in _TEMP_CHARS for i in range(start, start + 8))


_KINDS = frozenset(
    ("str", "float", "complex", "seq", "map", "set", "iter", "exc", "obj", "weak", "red", "nd",
     "frame")
)  # fmt: skip


def _at(node: list, index: int, default: Any = None) -> Any:
    return node[index] if len(node) > index else default


def difference(a: Any, b: Any, where: str = "result", tolerance: float = 0.0) -> str | None:
    """The default policy (no user `__eq__`): see Comparer.difference."""
    return Comparer(tolerance).difference(a, b, where)
