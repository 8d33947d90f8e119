"""Values as plain data: what a worker sends back instead of live objects or pickles.

A worker encodes what a call produced (return value, arguments after the call, exception)
into nested lists of msgpack types, and the parent compares two encodings
(`sandbox/equality.py`) without running any code of either side. The format is the same
for every worker, so a candidate's process can only ever claim values, never a verdict.

A node is a list `[kind, type_name, payload...]`; `type_name` is the value's class as
`module.qualname`. Kinds:
- `none`, `bool`, `int` (a str beyond 64 bits), `float` / `complex` (IEEE bytes, exact),
  `str` / `bytes` (a digest `{"len", "sha", "head"}` beyond 64 KiB);
- `seq` (list, tuple, their subclasses), `map` (dict and subclasses, in order, with the
  instance's attributes), `set` (elements in a canonical order);
- `iter`: builtin iterators and generators, by the values they yield (at most ITER_LIMIT;
  then how many more, up to REST_LIMIT, and whether it ran out; what `__reduce__` says is
  left when it did not); an iterator met twice in one value is encoded once, so comparing
  it does not change what the rest of the value shows;
- `exc`: exceptions by type, args, attributes, the exception they wrap (and whether that
  is an explicit `__cause__`) and the members of a group;
- `obj`: instances of classes that pickle by state (`__dict__` and every `__slots__`), and
  whether the class defines `__eq__` in Python (the parent may then ask it);
- `red`: other objects by their `__reduce_ex__` parts (datetime, Decimal, deque, arrays);
- `nd`: numpy arrays by dtype, shape and elements; `frame`: pandas Index, Series and
  DataFrame by index, columns, dtypes, values and name;
- `name`: functions, classes and modules by qualified name; `weak`: weak references by
  referent; `cycle`: a reference back to an enclosing container; `opaque`: the repr of an
  object that offers nothing else.
"""

from __future__ import annotations

import copyreg
import hashlib
import re
import struct
import sys
import types
import weakref
from typing import Any

import msgpack

ITER_LIMIT = 1000
REST_LIMIT = 100_000
ND_ELEMENTS = 100_000  # numpy arrays above this are compared by their bytes
DIGEST_OVER = 64 * 1024
NODE_LIMIT = 2_000_000
_MAX_DEPTH = 200
_PANDAS = re.compile(r"DataFrame|Series|\w*Index")
_BUILTIN_ITERATOR_MODULES = ("builtins", "itertools", "collections", "_collections")


class TooLarge(Exception):
    pass


def type_name(t: type) -> str:
    return f"{getattr(t, '__module__', '?')}.{getattr(t, '__qualname__', t.__name__)}"


def _digest(data: bytes | str, kind: str, name: str) -> list:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    head = data[:200]
    return [kind, name, {"len": len(data), "sha": hashlib.sha256(raw).hexdigest(), "head": head}]


def is_builtin_iterator(value: Any) -> bool:
    if isinstance(value, types.GeneratorType):
        return True
    t = type(value)
    return (
        t.__module__ in _BUILTIN_ITERATOR_MODULES
        and hasattr(t, "__next__")
        and getattr(t, "__iter__", None) is not None
        and not hasattr(value, "__dict__")
    )


def _slot_state(value: Any) -> dict:
    state = {}
    for klass in type(value).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        for slot in (slots,) if isinstance(slots, str) else slots:
            if slot in ("__dict__", "__weakref__") or slot in state:
                continue
            name = f"_{klass.__name__.lstrip('_')}{slot}" if slot.startswith("__") else slot
            try:
                state[slot] = getattr(value, name)
            except AttributeError:
                pass
    return state


def _own_eq(t: type) -> bool:
    """Whether the class, or a base outside the standard library, defines `__eq__` in
    Python (a dataclass's or an attrs class's counts; `Mapping.__eq__`, which calls two
    ChainMaps equal whatever the order of their maps, does not)."""
    for klass in t.__mro__:
        if "__eq__" in klass.__dict__:
            module = (getattr(klass, "__module__", "") or "").split(".")[0]
            return module not in sys.stdlib_module_names and isinstance(
                klass.__dict__["__eq__"], types.FunctionType
            )
    return False


class Encoder:
    def __init__(self) -> None:
        self.nodes = 0
        self.active: dict[int, int] = {}  # id -> depth, for the containers being encoded
        self.iterators: dict[int, tuple[Any, list]] = {}  # id -> (iterator, its node)

    def __call__(self, value: Any, depth: int = 0) -> list:
        self.nodes += 1
        if self.nodes > NODE_LIMIT:
            raise TooLarge(f"more than {NODE_LIMIT} values to compare")
        t = type(value)
        name = type_name(t)
        if value is None:
            return ["none", name]
        if t is bool:
            return ["bool", name, value]
        if isinstance(value, int) and t.__reduce_ex__ is int.__reduce_ex__:
            v = int(value)
            return ["int", name, v if -(1 << 63) <= v < (1 << 64) else str(v)]
        if isinstance(value, float) and t.__reduce_ex__ is float.__reduce_ex__:
            return ["float", name, struct.pack(">d", float(value))]
        if isinstance(value, complex) and t.__reduce_ex__ is complex.__reduce_ex__:
            return ["complex", name, struct.pack(">dd", value.real, value.imag)]
        if t is str or t is bytes or t is bytearray:
            kind = "str" if t is str else "bytes"
            if len(value) > DIGEST_OVER:
                return _digest(value, kind, name)
            return [kind, name, value if t is not bytearray else bytes(value)]
        if depth > _MAX_DEPTH:
            return ["opaque", name, "<nested too deeply>"]
        key = id(value)
        if key in self.active:
            return ["cycle", name, depth - self.active[key]]
        self.active[key] = depth
        try:
            return self._container(value, t, name, depth + 1)
        finally:
            del self.active[key]

    def _container(self, value: Any, t: type, name: str, depth: int) -> list:
        if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
            node = ["seq", name, [self(x, depth) for x in value]]
            return self._with_attrs(node, value, depth)
        if isinstance(value, dict):
            node = ["map", name, [[self(k, depth), self(v, depth)] for k, v in value.items()]]
            return self._with_attrs(node, value, depth)
        if isinstance(value, (set, frozenset)):
            items = [self(x, depth) for x in value]
            items.sort(key=lambda n: msgpack.packb(n, use_bin_type=True))
            return self._with_attrs(["set", name, items], value, depth)
        if isinstance(value, BaseException):
            return self._exception(value, name, depth)
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
            return ["name", name, f"{getattr(value, '__module__', '?')}.{value.__qualname__}"]
        if isinstance(value, types.ModuleType):
            return ["name", name, value.__name__]
        if isinstance(value, types.MethodType):
            return ["seq", name, [self(value.__self__, depth), self(value.__func__, depth)]]
        if isinstance(value, weakref.ref):
            return ["weak", name, self(value(), depth)]
        if is_builtin_iterator(value):
            seen = self.iterators.get(id(value))
            if seen is None:
                seen = self.iterators[id(value)] = (value, self._iterator(value, name, depth))
            return seen[1]
        module = (getattr(t, "__module__", "") or "").split(".")[0]
        if module == "numpy" and hasattr(value, "dtype") and hasattr(value, "tolist"):
            return self._ndarray(value, name, depth)  # arrays and numpy scalars
        if module == "pandas" and _PANDAS.fullmatch(t.__name__):
            return self._pandas(value, t.__name__, name, depth)
        return self._object(value, t, name, depth)

    def _with_attrs(self, node: list, value: Any, depth: int) -> list:
        """Subclasses of builtins keep their own attributes (defaultdict's factory too)."""
        attrs = dict(getattr(value, "__dict__", {}) or {})
        factory = getattr(value, "default_factory", None)
        if factory is not None:
            attrs["default_factory"] = factory
        attrs.update(_slot_state(value))
        if hasattr(value, "_fields"):  # namedtuple-like
            attrs["_fields"] = value._fields
        if attrs:
            node.append(self(attrs, depth))
        return node

    def _iterator(self, value: Any, name: str, depth: int) -> list:
        items: list = []
        rest, exhausted = 0, True
        try:
            for _ in range(ITER_LIMIT):
                items.append(self(next(value), depth))
            for _ in range(REST_LIMIT):
                next(value)
                rest += 1
            exhausted = False
        except StopIteration:
            pass
        except Exception as exc:  # noqa: BLE001 - what it raises while yielding is behaviour
            items.append(self._exception(exc, type_name(type(exc)), depth))
        state = None
        if not exhausted and not isinstance(value, types.GeneratorType):
            state = self._left(value, depth)
        return ["iter", name, items, exhausted, rest, state]

    def _left(self, value: Any, depth: int) -> list | None:
        """What an unfinished builtin iterator says it holds (`count(7)`, a range's index)."""
        import warnings

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # itertools pickling is deprecated in 3.12
                reduced = value.__reduce__()
        except Exception:  # noqa: BLE001 - not every iterator says
            return None
        if not isinstance(reduced, tuple) or len(reduced) < 2:
            return None
        return self([x for x in reduced[1:3] if x is not value], depth)

    def _ndarray(self, value: Any, name: str, depth: int) -> list:
        dtype, shape = str(getattr(value.dtype, "str", value.dtype)), list(value.shape)
        if getattr(value, "size", 0) > ND_ELEMENTS and value.dtype.kind != "O":
            return ["nd", name, dtype, shape, _digest(value.tobytes(), "bytes", name)]
        return ["nd", name, dtype, shape, self(value.tolist(), depth)]

    def _pandas(self, value: Any, kind: str, name: str, depth: int) -> list:
        if kind == "DataFrame":
            columns = [value.iloc[:, i].to_numpy() for i in range(value.shape[1])]
            dtypes = self([str(d) for d in value.dtypes], depth)
            return ["frame", name, self(value.index, depth), self(value.columns, depth),
                    dtypes, self(columns, depth), None]  # fmt: skip
        index = self(value.index, depth) if kind == "Series" else None
        return ["frame", name, index, None, self(str(value.dtype)), self(value.to_numpy(), depth),
                self(value.name, depth)]  # fmt: skip

    def _exception(self, exc: BaseException, name: str, depth: int) -> list:
        attrs = {k: v for k, v in vars(exc).items() if not k.startswith("__")}
        if getattr(exc, "__notes__", None):
            attrs["__notes__"] = list(exc.__notes__)
        wrapped = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        inner = None
        if wrapped is not None and depth < 20:
            inner = self(wrapped, depth)
        children = list(getattr(exc, "exceptions", ()) or ())
        return [
            "exc",
            name,
            self(tuple(exc.args), depth),
            self(attrs, depth),
            inner,
            [self(c, depth) for c in children],
            exc.__cause__ is not None,
        ]

    def _object(self, value: Any, t: type, name: str, depth: int) -> list:
        plain = getattr(t, "__reduce_ex__", None) is object.__reduce_ex__ and (
            getattr(t, "__reduce__", None) is object.__reduce__
        )
        if plain and (hasattr(value, "__dict__") or _slot_state(value)):
            state = dict(getattr(value, "__dict__", {}) or {})
            state.update(_slot_state(value))
            return ["obj", name, self(state, depth), _own_eq(t)]
        try:
            reduced = value.__reduce_ex__(4)
        except Exception:  # noqa: BLE001 - an object that does not pickle
            reduced = None
        if isinstance(reduced, str):
            return ["name", name, reduced]
        if isinstance(reduced, tuple) and len(reduced) >= 2:
            func, args, *rest = reduced
            if func is copyreg.__newobj__ and args:
                args = args[1:]  # the class itself, already in the node's type name
            parts = [self(func, depth), self(tuple(args), depth)]
            for i, extra in enumerate(rest[:4]):
                if extra is None:
                    parts.append(None)
                elif i in (1, 2):  # list and dict item iterators
                    parts.append(self(list(extra), depth))
                else:
                    parts.append(self(extra, depth))
            return ["red", name, parts, _own_eq(t)]
        return ["opaque", name, _safe_repr(value)]


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ is still a value to report
        return f"<{type(value).__name__}>"
    return text[:500]


def encode(value: Any) -> list:
    return Encoder()(value)
