"""Fuzzing without type hints: strategies from the runtime types and shapes of the captured
inputs, and edge cases of every parameter, tried before anything random.

A parameter seen holding ints is drawn from ints around the range seen (and 0, 1, -1 and
just past both ends); strings from the characters seen, up to twice the longest length;
lists, tuples, sets and dicts element by element, the same way; anything else (instances
of the user's classes, `self`) from the values seen. The edge cases replace one parameter
of a captured call at a time: empty, zero, one element, negative, one past the range seen,
the value doubled, duplicated, shortened and reversed.
"""

from __future__ import annotations

import inspect
import itertools
import math
import pickle
import types
from typing import Any

from .calls import load_input

_MAX_SEEN = 50  # captured calls whose values shape the strategies
_MAX_EDGES = 120
_DEPTH = 4


def bindings(func: Any, blobs: list[bytes]) -> list[dict[str, Any]]:
    """The captured calls as {parameter: value}; `*args` as a tuple, `**kwargs` as a dict."""
    sig = inspect.signature(func)
    calls = []
    for blob in blobs[:_MAX_SEEN]:
        try:
            args, kwargs = load_input(blob)
            bound = sig.bind(*args, **kwargs)
        except Exception:  # noqa: BLE001 - a call that does not fit the signature now
            continue
        calls.append(dict(bound.arguments))
    return calls


def observed(func: Any, blobs: list[bytes]) -> dict[str, list]:
    """Values each parameter took in the captured calls, by name."""
    seen: dict[str, list] = {}
    for call in bindings(func, blobs):
        for name, value in call.items():
            seen.setdefault(name, []).append(value)
    return seen


def strategies(func: Any, blobs: list[bytes]) -> tuple[dict[str, Any] | None, str | None]:
    """A strategy per parameter from what it held, or why there is none."""
    seen = observed(func, blobs)
    out: dict[str, Any] = {}
    for name, param in inspect.signature(func).parameters.items():
        if name in seen:
            out[name] = strategy_of(seen[name])
        elif param.default is param.empty and param.kind not in (
            param.VAR_POSITIONAL,
            param.VAR_KEYWORD,
        ):
            return None, f"parameter {name!r} has no type hint and no captured value"
    if not out:
        return None, "no captured inputs to take shapes from"
    return out, None


def _copyable(values: list) -> list:
    kept = []
    for v in values:
        try:
            pickle.dumps(v)
        except Exception:  # noqa: BLE001
            continue
        kept.append(v)
    return kept


def strategy_of(values: list, depth: int = 0) -> Any:
    """Values like these: their types, their ranges, their sizes."""
    from hypothesis import strategies as st

    by_type: dict[type, list] = {}
    for v in values:
        by_type.setdefault(type(v), []).append(v)
    options = []
    for t, group in by_type.items():
        made = None if depth >= _DEPTH else _for_type(t, group, depth)
        if made is not None:
            options.append(made)
    known = _copyable(values)
    if known:  # the values seen themselves stay likely
        options.append(st.sampled_from(known).map(lambda v: pickle.loads(pickle.dumps(v))))
    if depth > 0 and options:  # None among a container's elements: a filler, a sentinel
        options.append(st.none())
    return st.one_of(options) if options else st.nothing()


def _for_type(t: type, group: list, depth: int) -> Any:
    from hypothesis import strategies as st

    if t is bool:
        return st.booleans()
    if t is type(None):
        return st.none()
    if t is int:
        lo, hi = min(group), max(group)
        span = max(10, hi - lo)
        return st.integers(lo - span, hi + span) | st.sampled_from(sorted({0, 1, -1, lo - 1,
                                                                           hi + 1}))  # fmt: skip
    if t is float:
        finite = [v for v in group if math.isfinite(v)] or [0.0]
        lo, hi = max(min(finite), -1e300), min(max(finite), 1e300)
        span = min(max(1.0, hi - lo), 1e300)
        nan = any(math.isnan(v) for v in group)
        bounds = max(lo - span, -1e308), min(hi + span, 1e308)
        return st.floats(*bounds) | st.sampled_from(
            [0.0, -0.0, 1.0, -1.0] + ([math.nan] if nan else [])
        )
    if t is str:
        chars = sorted({c for s in group for c in s}) or ["a"]
        seen = st.sampled_from(sorted(set(group)))
        longest = max(4, 2 * max(map(len, group)))
        return (
            st.text(alphabet=chars, max_size=longest)
            | st.tuples(seen, seen).map("".join)  # end to end: a suffix is now in the middle
            | st.text(max_size=longest)  # and characters never seen: "\r", "\t", "é"
        )
    if t is bytes:
        return st.binary(max_size=max(4, 2 * max(map(len, group))))
    size = max((len(v) for v in group), default=0) if t in (list, tuple, set, frozenset,
                                                             dict) else 0  # fmt: skip
    if t in (list, set, frozenset) or (t is tuple and len({len(v) for v in group}) > 1):
        elements = [x for v in group for x in v]
        if not elements:
            return st.just(t())
        inner = strategy_of(elements, depth + 1)
        if t is list:
            return st.lists(inner, max_size=max(4, 2 * size))
        if t is tuple:
            return st.lists(inner, max_size=max(4, 2 * size)).map(tuple)
        made = st.sets(inner, max_size=max(4, 2 * size))
        return made if t is set else made.map(frozenset)
    if t is tuple:
        return st.tuples(*[strategy_of([v[i] for v in group], depth + 1) for i in range(size)])
    if t is dict:
        keys = [k for v in group for k in v]
        if not keys:
            return st.just({})
        return st.dictionaries(
            strategy_of(keys, depth + 1),
            strategy_of([x for v in group for x in v.values()], depth + 1),
            max_size=max(4, 2 * size),
        )
    return None  # other classes: only the values seen (strategy_of adds them)


def constants_of(func: Any) -> dict[type, list]:
    """The literal ints and short strings in the function's code (nested code too): the
    values its branches compare against (`align == "center"`, `months > 12`)."""
    found: dict[type, list] = {int: [], str: []}
    stack = [getattr(inspect.unwrap(func), "__code__", None)]
    while stack:
        code = stack.pop()
        if code is None:
            continue
        for c in code.co_consts:
            if isinstance(c, types.CodeType):
                stack.append(c)
            elif type(c) is int and c not in found[int]:
                found[int].append(c)
            elif type(c) is str and len(c) <= 40 and c not in found[str] and not c.startswith(" "):
                found[str].append(c)
    return {t: v[:12] for t, v in found.items()}


def edge_values(value: Any, constants: dict[type, list] | None = None) -> list:
    """Edge cases of one value, of its own type; then the function's own constants of it."""
    known = (constants or {}).get(type(value), [])
    t = type(value)
    if t is bool:
        return [not value]
    if t is int:
        near = [x for c in known for x in (c, c - 1, c + 1)]
        return [0, 1, -1, -value, value + 1, value - 1, *near]
    if t is float:
        return [0.0, -0.0, 1.0, -1.0, -value]
    if t is str:
        return ["", value[:1], value * 2, value[::-1], *known]
    if t is bytes:
        return [b"", value[:1], value * 2]
    if t is tuple and 0 < len(value) <= 8:  # a record: one field at a time at an edge
        return [value[:i] + (e,) + value[i + 1 :] for i, x in enumerate(value)
                for e in edge_values(x, constants)[:4]]  # fmt: skip
    if t in (list, tuple):
        first = [t([e]) for e in edge_values(value[0])[:3]] if value else []
        # the first element at each of its edges, among the others (a job with no work
        # among real jobs)
        among = [t([e, *value[1:]]) for e in edge_values(value[0], constants)[:6]] if value else []
        among += (
            [t([*value[:-1], e]) for e in edge_values(value[-1], constants)[:6]]
            if (len(value) > 1)
            else []
        )  # and the last: where it lands among the others shows
        nothing = [t([*value[:1], None])] if value else []  # a real None among the values
        # early: the order disturbed (an input the tests only ever passed sorted)
        return [t(), t(value[:1]), t(value[::-1]), *first, *among, *nothing, t(value[:-1]),
                t(value) * 2]  # fmt: skip
    if t in (set, frozenset):
        return [t(), t(list(value)[:1])]
    if t is dict:
        return [{}, dict(list(value.items())[:1])]
    return _attribute_edges(value, constants or {})


def _attribute_edges(value: Any, constants: dict[type, list]) -> list:
    """Copies of an instance with one plain attribute (in `__dict__` or a slot) at an edge or
    at one of the function's constants: a rewrite that ignores a field, or misses a
    boundary on it, shows when the field is not what every test left it at."""
    if isinstance(value, type):
        return []
    state = dict(getattr(value, "__dict__", None) or {})
    for klass in type(value).__mro__:
        for slot in klass.__dict__.get("__slots__", ()) if isinstance(klass, type) else ():
            if isinstance(slot, str) and not slot.startswith("__") and hasattr(value, slot):
                state.setdefault(slot, getattr(value, slot))
    out = []
    for name, attr in list(state.items())[:16]:
        if type(attr) not in (int, float, bool, str):
            continue
        values = edge_values(attr)[:2] + edge_values(attr, constants)[6:]
        for edge in values:
            try:
                copy = pickle.loads(pickle.dumps(value))
                setattr(copy, name, edge)
            except Exception:  # noqa: BLE001 - not every object copies or takes the value
                continue
            out.append(copy)
    return out


def _bases(calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The captured calls that edge cases are made from: the smallest (cheap to run, so
    many fit in the budget) and the first (the tests' typical call)."""

    def size(call: dict) -> int:
        try:
            return len(pickle.dumps(call))
        except Exception:  # noqa: BLE001
            return 1 << 62

    smallest = min(calls, key=size)
    return [smallest] if smallest is calls[0] else [smallest, calls[0]]


def edge_examples(func: Any, blobs: list[bytes]) -> list[dict[str, Any]]:
    """Captured calls with one parameter replaced by an edge case, each distinct, the
    parameters (of the smallest call, then of the first) taking turns: what a wrong
    rewrite most often gets wrong."""
    calls = bindings(func, blobs)
    if not calls:
        return []
    constants = constants_of(func)
    per_param = []
    for base in _bases(calls):
        for name, value in base.items():
            if name != "cls":
                per_param.append([{**base, name: edge} for edge in edge_values(value, constants)])
    examples, keys = [], set()
    for round_ in itertools.zip_longest(*per_param):
        for example in round_:
            if example is None:
                continue
            try:
                key = pickle.dumps(example)
            except Exception:  # noqa: BLE001
                continue
            if key not in keys:
                keys.add(key)
                examples.append(example)
    return examples[:_MAX_EDGES]
