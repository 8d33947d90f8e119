"""State a side keeps between calls: a digest per place where results could be stored.

Timing repeats the same inputs, so a candidate that stores its results between calls (a
module-level dict, a mutable default argument, a `functools.cache`, a class attribute)
would be measured answering from its store, not computing. The parent compares how these
digests move on each side while the calls run (stages.py): a place that changes on new
inputs on the candidate's side and not on the original's is such a store.

Places: the module's global variables (not modules, functions or classes themselves), each
function's defaults, attributes and closure cells, the size of each `functools` cache, and
the data attributes of the module's classes. State kept in other modules is not looked at.
"""

from __future__ import annotations

import hashlib
import inspect
import types
from typing import Any

import msgpack

from .encode import Encoder, TooLarge

_CODE = (types.ModuleType, types.BuiltinFunctionType, types.MethodWrapperType, property,
         staticmethod, classmethod)  # fmt: skip


def _digest(value: Any) -> str | None:
    try:
        node = Encoder()(value)
        return hashlib.sha256(msgpack.packb(node, use_bin_type=True)).hexdigest()[:16]
    except (TooLarge, Exception):  # noqa: BLE001 - what cannot be encoded is not compared
        return None


def _function_places(name: str, func: Any, out: dict[str, str | None]) -> None:
    seen = 0
    while func is not None and seen < 5:
        info = getattr(func, "cache_info", None)
        if callable(info):
            try:
                out[f"{name} (functools cache)"] = str(info().currsize)
            except Exception:  # noqa: BLE001
                pass
        if isinstance(func, types.FunctionType):
            if func.__defaults__:
                out[f"{name} (default arguments)"] = _digest(func.__defaults__)
            if func.__kwdefaults__:
                out[f"{name} (default arguments)"] = _digest(func.__kwdefaults__)
            for i, cell in enumerate(func.__closure__ or ()):
                try:
                    out[f"{name} (closure {func.__code__.co_freevars[i]})"] = _digest(
                        cell.cell_contents
                    )
                except ValueError:  # an empty cell
                    continue
        attrs = {k: v for k, v in (getattr(func, "__dict__", None) or {}).items()
                 if k != "__wrapped__"}  # fmt: skip
        if attrs:
            out[f"{name} (attributes)"] = _digest(attrs)
        func, seen = getattr(func, "__wrapped__", None), seen + 1


def places(namespace: dict) -> dict[str, str | None]:
    """A digest per place in a function's global namespace (its `__globals__`: for the
    candidate, the copy of the module's namespace it was executed in)."""
    out: dict[str, str | None] = {}
    module_name = namespace.get("__name__")
    for name, value in list(namespace.items()):
        if name.startswith("__") or isinstance(value, _CODE):
            continue
        if inspect.isclass(value):
            if getattr(value, "__module__", None) != module_name:
                continue
            for attr, member in list(vars(value).items()):
                if attr.startswith("__"):
                    continue
                if callable(member) or isinstance(member, _CODE):
                    _function_places(f"{name}.{attr}", getattr(member, "__func__", member), out)
                else:
                    out[f"{name}.{attr}"] = _digest(member)
        elif (
            callable(value) and not hasattr(value, "__dict__") and not hasattr(value, "cache_info")
        ):
            continue
        elif isinstance(value, types.FunctionType) or hasattr(value, "cache_info"):
            _function_places(name, value, out)
        else:
            out[name] = _digest(value)
    return out
