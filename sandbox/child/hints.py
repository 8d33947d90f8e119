"""The types the captured inputs show, written as type hints ("list[int]",
"dict[str, tuple[int, float]]"): evidence for rewrites that need element types, where the
function itself declares none. Evidence, not proof: only the first elements of each container
are looked at, and the verifier still runs every rewrite on every input.
"""

from __future__ import annotations

import itertools
from typing import Any

from .shapes import observed

_SCALARS = {bool: "bool", int: "int", float: "float", str: "str", bytes: "bytes",
            type(None): "None"}  # fmt: skip
_SAMPLE = 64  # elements looked at per container
_DEPTH = 3
_RECORD = 6  # tuples up to this length of one length are records: a type per position
_ATTRIBUTES = 24  # attributes looked at per instance


def hints(func: Any, blobs: list[bytes]) -> dict[str, str]:
    """Per parameter, the one type its captured values share; for instances of the user's
    classes, per attribute ("self.items"). Values that differ in type are left out."""
    out = {}
    for name, values in observed(func, blobs).items():
        hint = hint_of(values)
        if hint is not None:
            out[name] = hint
        else:
            out.update({f"{name}.{a}": h for a, h in attribute_hints(values).items()})
    return out


def attribute_hints(values: list) -> dict[str, str]:
    """For instances of one class of the user's (`self`, a record), the types their plain
    attributes hold, by attribute name."""
    kinds = {type(v) for v in values}
    states = [getattr(v, "__dict__", None) for v in values]
    if len(kinds) != 1 or any(type(s) is not dict for s in states):
        return {}
    out = {}
    for attr in list(states[0])[:_ATTRIBUTES]:
        if isinstance(attr, str) and all(attr in s for s in states):
            hint = hint_of([s[attr] for s in states])
            if hint is not None:
                out[attr] = hint
    return out


def _elements(values: list, part: Any = iter) -> list:
    return [x for v in values for x in itertools.islice(part(v), _SAMPLE)]


def hint_of(values: list, depth: int = 0) -> str | None:
    """The type hint every value fits exactly (no subclasses), or None."""
    kinds = {type(v) for v in values}
    if len(kinds) != 1 or depth > _DEPTH:
        return None
    kind = kinds.pop()
    if kind in _SCALARS:
        return _SCALARS[kind]
    if kind in (list, set, frozenset):
        return _generic(kind.__name__, [_elements(values)], depth)
    if kind is dict:
        keys, items = _elements(values), _elements(values, lambda d: d.values())
        return _generic("dict", [keys, items], depth)
    if kind is tuple:
        lengths = {len(v) for v in values}
        if len(lengths) == 1 and 0 < (n := lengths.pop()) <= _RECORD:
            return _generic("tuple", [[v[i] for v in values] for i in range(n)], depth)
        inner = _generic("tuple", [_elements(values)], depth)
        return inner[:-1] + ", ...]" if inner != "tuple" else inner
    return None


def _generic(name: str, parts: list[list], depth: int) -> str:
    """`name[a, b]` when every part's values share a type; bare `name` (elements unknown)
    otherwise, or when a part is empty."""
    inner = [hint_of(p, depth + 1) if p else None for p in parts]
    return f"{name}[{', '.join(inner)}]" if all(inner) else name
