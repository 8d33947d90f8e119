"""Structural comparison of two outcomes: value and type, NaN-aware, order-aware."""

from __future__ import annotations

import math
from typing import Any

_MAX_DEPTH = 200


def _short(value: Any, limit: int = 120) -> str:
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not break the comparison
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def difference(a: Any, b: Any, where: str = "result", depth: int = 0) -> str | None:
    """None when a and b are the same value of the same type; else where and how they differ."""
    if a is b:
        return None
    if type(a) is not type(b):
        return (
            f"{where}: type {type(a).__name__} vs {type(b).__name__} ({_short(a)} vs {_short(b)})"
        )
    if depth > _MAX_DEPTH:
        return None if _equal(a, b) else f"{where}: {_short(a)} vs {_short(b)}"
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        return None if a == b else f"{where}: {a!r} vs {b!r}"
    if isinstance(a, complex):
        same = all(
            (math.isnan(x) and math.isnan(y)) or x == y
            for x, y in ((a.real, b.real), (a.imag, b.imag))
        )
        return None if same else f"{where}: {a!r} vs {b!r}"
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{where}: length {len(a)} vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            diff = difference(x, y, f"{where}[{i}]", depth + 1)
            if diff:
                return diff
        return None
    if isinstance(a, dict):
        if list(a) != list(b):
            if set(a) == set(b):
                return f"{where}: same keys in a different order"
            return f"{where}: keys {_short(list(a))} vs {_short(list(b))}"
        for key in a:
            diff = difference(a[key], b[key], f"{where}[{_short(key, 40)}]", depth + 1)
            if diff:
                return diff
        return None
    if isinstance(a, (set, frozenset)):
        return None if a == b else f"{where}: {_short(a)} vs {_short(b)}"
    array_diff = _numpy_difference(a, b, where)
    if array_diff is not NotImplemented:
        return array_diff
    if _equal(a, b):
        return None
    if hasattr(a, "__dict__") and type(a).__eq__ is object.__eq__:
        # Plain objects without __eq__: compare their state.
        return difference(vars(a), vars(b), f"{where}.__dict__", depth + 1)
    return f"{where}: {_short(a)} vs {_short(b)}"


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def _numpy_difference(a: Any, b: Any, where: str) -> Any:
    module = type(a).__module__
    if not module.startswith(("numpy", "pandas")):
        return NotImplemented
    try:
        if module.startswith("numpy") and hasattr(a, "dtype") and hasattr(a, "shape"):
            import numpy as np

            if a.shape != b.shape or a.dtype != b.dtype:
                return f"{where}: array {a.dtype}{a.shape} vs {b.dtype}{b.shape}"
            equal_nan = a.dtype.kind in "fc"
            return None if np.array_equal(a, b, equal_nan=equal_nan) else f"{where}: arrays differ"
        if hasattr(a, "equals"):
            return None if a.equals(b) else f"{where}: {type(a).__name__} values differ"
    except Exception as exc:
        return f"{where}: cannot compare ({type(exc).__name__})"
    return NotImplemented
