"""A call's arguments, read from its frame at the first instruction and pickled: a deep copy
taken before the function can mutate them.

Three kinds of argument need more than `pickle.dumps`: values nested deeper than the
recursion limit (linked lists of thousands of nodes), one-shot iterators (generators, map,
zip), which are read into a list and handed on to the function as an iterator over it, and
unbounded iterators (`itertools.count`), of which a prefix is kept.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import sys
import threading
from dataclasses import dataclass
from typing import Any

CO_VARARGS, CO_VARKEYWORDS = 0x04, 0x08
ITERATOR_ITEMS = 10_000  # items kept of a longer (or unbounded) iterator argument
DEEP_STACK = 64 << 20  # bytes of C stack for pickling deep values: ~100,000 levels
DEEP_LIMIT = 100_000


@dataclass(frozen=True)
class Pickled:
    blob: bytes | None  # None: the arguments do not pickle
    truncated: bool = False  # an iterator argument ran past ITERATOR_ITEMS: a prefix is kept


def arguments_of(frame: Any) -> tuple[tuple, dict]:
    """The call's arguments as (args, kwargs), read from a frame at its first instruction."""
    code, local = frame.f_code, frame.f_locals
    names = code.co_varnames
    n, kw = code.co_argcount, code.co_kwonlyargcount
    args = [local[names[i]] for i in range(n)]
    kwargs = {names[i]: local[names[i]] for i in range(n, n + kw)}
    i = n + kw
    if code.co_flags & CO_VARARGS:
        args.extend(local[names[i]])
        i += 1
    if code.co_flags & CO_VARKEYWORDS:
        kwargs.update(local[names[i]])
    return tuple(args), kwargs


def pickled_call(frame: Any) -> Pickled:
    """The call's arguments pickled; lambdas, open files and local classes do not pickle."""
    try:
        return Pickled(pickle.dumps(arguments_of(frame), protocol=5))
    except RecursionError:  # a linked list or a tree deeper than the recursion limit
        return Pickled(_dumps_deep(arguments_of(frame)))
    except Exception:  # noqa: BLE001 - generators and what else does not pickle
        return _with_iterators_listed(frame)


def _dumps_deep(value: Any) -> bytes | None:
    """pickle.dumps of a value nested deeper than the recursion limit allows: in a thread
    with a large stack, under a higher limit; None when it still does not pickle. From
    Python 3.12 on, C recursion has a fixed limit of its own (a few thousand levels), which
    no setting lifts."""
    out: list[bytes] = []

    def run() -> None:
        with contextlib.suppress(Exception):
            out.append(pickle.dumps(value, protocol=5))

    old_limit = sys.getrecursionlimit()
    try:
        old_stack = threading.stack_size(DEEP_STACK)
    except (ValueError, RuntimeError):
        return None
    sys.setrecursionlimit(max(old_limit, DEEP_LIMIT))
    try:
        thread = threading.Thread(target=run, name="afterburner-deep-pickle")
        thread.start()
        thread.join()
    except RuntimeError:  # no thread with such a stack under this address-space limit
        return None
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    return out[0] if out else None


def _with_iterators_listed(frame: Any) -> Pickled:
    """The call's arguments with each one-shot iterator read into a list. The function gets
    an iterator over the same items (chained before the rest when the iterator is longer
    than ITERATOR_ITEMS, so the test runs as it would have); the copy kept holds the first
    ITERATOR_ITEMS items of such a one."""
    from .encode import is_builtin_iterator

    code, local = frame.f_code, frame.f_locals
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    kept: dict[str, list] = {}
    read: dict[int, tuple[list, Any]] = {}  # id of an iterator -> (its items, what replaces it)
    truncated = failed = False
    for name in names:
        value = local.get(name)
        if not is_builtin_iterator(value) or type(value).__name__ == "callable_iterator":
            continue  # iter(queue.get, None) may block: it is not read
        if id(value) not in read:
            items: list = []
            try:
                items.extend(itertools.islice(value, ITERATOR_ITEMS + 1))
            except Exception as exc:  # noqa: BLE001 - the function meets it where it would
                read[id(value)] = (items, _replaying(items, exc))
                failed = True
            else:
                if len(items) > ITERATOR_ITEMS:
                    read[id(value)] = (items[:ITERATOR_ITEMS], itertools.chain(items, value))
                    truncated = True
                else:
                    read[id(value)] = (items, iter(items))
        items, replacement = read[id(value)]
        _set_local(frame, name, replacement)
        kept[name] = items
    if failed:
        return Pickled(None)
    if not kept:
        return Pickled(None)
    args, kwargs = arguments_of(frame)
    positional = code.co_varnames[: code.co_argcount]
    args = tuple(
        iter(kept[positional[i]]) if i < len(positional) and positional[i] in kept else a
        for i, a in enumerate(args)
    )
    kwargs = {k: iter(kept[k]) if k in kept else v for k, v in kwargs.items()}
    try:
        return Pickled(pickle.dumps((args, kwargs), protocol=5), truncated)
    except Exception:  # noqa: BLE001 - something else does not pickle
        return Pickled(None)


def _replaying(items: list, exc: BaseException) -> Any:
    """The items an iterator gave, then the exception it raised."""
    yield from items
    raise exc


def _set_local(frame: Any, name: str, value: Any) -> None:
    """Rebind a parameter of a frame that has not run yet (its first instruction)."""
    frame.f_locals[name] = value
    if sys.version_info < (3, 13):  # before PEP 667, write the snapshot back
        import ctypes

        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
