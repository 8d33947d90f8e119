"""Inputs that do not come from tests: doctest examples, the explicit `afterburner_inputs.py`
convention, and examples generated from type hints with Hypothesis."""

from __future__ import annotations

import ast
import doctest
import importlib.util
import inspect
import pickle
import typing
from pathlib import Path
from typing import Any

from .calls import call

EXPLICIT_FILE = "afterburner_inputs.py"
DOCTEST_EXAMPLE_S = 2.0


def explicit_function_name(qualname: str) -> str:
    return "inputs_" + qualname.replace(".", "_")


def _pickled(args: tuple, kwargs: dict) -> bytes | None:
    try:
        return pickle.dumps((tuple(args), dict(kwargs)), protocol=5)
    except Exception:
        return None


def doctest_inputs(func: Any, module: Any, name: str, owner: Any = None) -> tuple[list[bytes], int]:
    """Arguments of the calls to `name` in the examples of its docstring and of its class's,
    wherever in an example the call is (`>>> list(f(x))`), with the earlier examples run
    first, as doctest runs them (`>>> x = [1, 2]`)."""
    blobs, skipped = [], 0
    for doc in (inspect.getdoc(func), inspect.getdoc(owner) if owner is not None else None):
        if doc:
            found, missed = _doctest_calls(doc, module, name)
            blobs += found
            skipped += missed
    return blobs, skipped


def _doctest_calls(doc: str, module: Any, name: str) -> tuple[list[bytes], int]:
    blobs, skipped = [], 0
    namespace = dict(vars(module))
    for example in doctest.DocTestParser().get_examples(doc):
        source = example.source.strip()
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == name:
                if any(isinstance(a, ast.Starred) for a in node.args):
                    continue
                blob = _doctest_call(node, namespace)
                if blob is None:
                    skipped += 1
                else:
                    blobs.append(blob)
                break
        # The example itself, for the next ones, bounded like a call; one that fails leaves
        # what it did.
        code = compile(tree, "<doctest>", "exec")
        call(exec, (code, namespace), {}, timeout=DOCTEST_EXAMPLE_S)
    return blobs, skipped


def _called(node: ast.Call) -> str | None:
    callee = node.func
    return callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", None)


def _doctest_call(node: ast.Call, namespace: dict) -> bytes | None:
    def value(expr: ast.expr) -> Any:
        return eval(compile(ast.Expression(expr), "<doctest>", "eval"), namespace)  # noqa: S307

    try:
        args = tuple(value(a) for a in node.args)
        kwargs = {k.arg: value(k.value) for k in node.keywords if k.arg}
    except Exception:  # noqa: BLE001
        return None
    return _pickled(args, kwargs)


def explicit_inputs(root: Path, qualname: str) -> tuple[list[bytes], int, str | None]:
    """`afterburner_inputs.py` at the workspace root: `def inputs_<qualname>()` yields
    tuples of positional arguments or dicts of keyword arguments."""
    path = root / EXPLICIT_FILE
    if not path.exists():
        return [], 0, None
    spec = importlib.util.spec_from_file_location("afterburner_inputs", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    except Exception as exc:
        return [], 0, f"{EXPLICIT_FILE} failed to import: {type(exc).__name__}: {exc}"
    provider = getattr(module, explicit_function_name(qualname), None)
    if provider is None:
        return [], 0, None
    blobs, skipped = [], 0
    try:
        for item in provider():
            if isinstance(item, dict):
                blob = _pickled((), item)
            elif isinstance(item, tuple):
                blob = _pickled(item, {})
            else:
                return (
                    blobs,
                    skipped,
                    (
                        f"{EXPLICIT_FILE}: {explicit_function_name(qualname)}() yielded a "
                        f"{type(item).__name__}; yield a tuple of arguments "
                        "or a dict of keyword arguments"
                    ),
                )
            if blob is None:
                skipped += 1
            else:
                blobs.append(blob)
    except Exception as exc:
        return (
            blobs,
            skipped,
            f"{EXPLICIT_FILE}: {explicit_function_name(qualname)}() raised {exc!r}",
        )
    return blobs, skipped, None


NO_HYPOTHESIS = (
    "Hypothesis is not installed in the workspace interpreter "
    "(pip install hypothesis there to fuzz and to generate inputs)"
)


def strategies_for(func: Any, owner: Any = None) -> tuple[dict[str, Any] | None, str | None]:
    """Hypothesis strategies per parameter from the type hints, or why there are none."""
    try:
        from hypothesis import strategies as st
    except ImportError:
        return None, NO_HYPOTHESIS
    try:
        hints = typing.get_type_hints(func)
    except Exception as exc:
        return None, f"the type hints cannot be evaluated ({type(exc).__name__}: {exc})"
    sig = inspect.signature(func)
    strategies: dict[str, Any] = {}
    for i, (pname, param) in enumerate(sig.parameters.items()):
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if i == 0 and owner is not None and pname in ("self", "cls"):
            if pname == "cls":
                strategies[pname] = st.just(owner)
            else:
                strategies[pname] = st.from_type(owner)
            continue
        if pname in hints and hints[pname] in (typing.Any, object):
            return None, f"parameter {pname!r} is typed {getattr(hints[pname], '__name__', 'Any')}"
        if pname in hints:
            strategies[pname] = st.from_type(hints[pname])
        elif param.default is not param.empty:
            continue
        else:
            return None, f"parameter {pname!r} has no type hint"
    return strategies, None


def split_call(func: Any, values: dict[str, Any]) -> tuple[tuple, dict]:
    """Drawn values by parameter name -> (args, kwargs), positional where the signature allows:
    after a positional parameter left to its default, the next ones go by keyword; `*args`
    and `**kwargs` values are spread."""
    args: list = []
    kwargs: dict = {}
    gap = False
    for pname, param in inspect.signature(func).parameters.items():
        if param.kind == param.VAR_POSITIONAL:
            if pname in values and not gap:
                args.extend(values[pname])
            continue
        if param.kind == param.VAR_KEYWORD:
            kwargs.update(values.get(pname) or {})
            continue
        if pname not in values:
            gap = gap or param.kind != param.KEYWORD_ONLY
            continue
        if param.kind == param.KEYWORD_ONLY or (gap and param.kind == param.POSITIONAL_OR_KEYWORD):
            kwargs[pname] = values[pname]
        elif not gap:
            args.append(values[pname])
    return tuple(args), kwargs


def generated_inputs(
    func: Any, owner: Any, count: int, per_call: float
) -> tuple[list[bytes], str | None]:
    """Up to `count` examples from the type hints on which the function finishes in time."""
    strategies, why = strategies_for(func, owner)
    if strategies is None:
        return [], why
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    blobs: list[bytes] = []

    @settings(
        max_examples=count * 3,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries(strategies))
    def collect(values: dict) -> None:
        if len(blobs) >= count:
            return
        blob = _pickled(*split_call(func, values))
        if blob is None:
            return
        args, kw = pickle.loads(blob)
        if not call(func, args, kw, timeout=per_call).out_of_scope:
            blobs.append(blob)

    try:
        collect()
    except Exception as exc:
        return blobs, f"generating examples failed: {type(exc).__name__}: {exc}"
    return blobs, None if blobs else "no generated example finished in time"
