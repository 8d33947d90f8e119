"""Is a candidate equivalent to the original, and is it faster? The sandbox's main answer.

Stages, cheapest first, stopping at the first rejection: parse -> same signature -> every
input (value and type, exception type, argument mutation, printed output) -> the workspace
tests that reach the target, with the candidate patched in -> differential fuzzing from
the type hints -> interleaved timing in several worker processes -> memory.
"""

from __future__ import annotations

import ast
import threading
import time

from .inputs import InputSet, collect_inputs
from .stages import Run
from .target import (
    FunctionInfo,
    Target,
    candidate_node,
    describe_signature,
    load_function,
    signature_of,
)
from .verdict import Progress, VerifyResult, VerifySettings, reject
from .worker import Sandbox

__all__ = ["VerifyResult", "VerifySettings", "static_check", "verify", "verify_file"]


def static_check(candidate_source: str, info: FunctionInfo) -> tuple[str, str] | None:
    """(stage, reason) when the candidate fails before running: syntax, missing def, signature."""
    try:
        node = candidate_node(candidate_source, info.qualname)
    except SyntaxError as exc:
        return "parse", f"syntax error at line {exc.lineno}: {exc.msg}"
    except ValueError as exc:  # e.g. null bytes
        return "parse", f"not valid Python source: {exc}"
    if node is None:
        return (
            "parse",
            f"the candidate defines no function named {info.qualname.rsplit('.', 1)[-1]!r}",
        )
    sig = signature_of(node)
    if sig != info.signature:
        return "signature", (
            f"signature changed from {describe_signature(info.signature)} "
            f"to {describe_signature(sig)}; "
            "parameter names, kinds and defaults must stay the same"
        )
    if isinstance(node, ast.AsyncFunctionDef) != info.is_async:
        return "signature", "the candidate changes whether the function is async"
    return None


def verify(
    sandbox: Sandbox,
    target: Target,
    candidate_source: str,
    inputs: InputSet | None = None,
    settings: VerifySettings | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> VerifyResult:
    settings = settings or VerifySettings()
    started = time.monotonic()
    note = progress or (lambda stage, fraction: None)
    info = load_function(target)
    result = VerifyResult(
        target=target.spec, equivalent=False, isolation=sandbox.describe_isolation()
    )
    try:
        problem = static_check(candidate_source, info)
        if problem:
            return reject(result, *problem)
        note("inputs", 0.05)
        if inputs is None:
            inputs = collect_inputs(sandbox, target, cancel=cancel)
        result.inputs = inputs.summary()
        result.checked.inputs = inputs.by_source()
        run = Run(sandbox, target, candidate_source, inputs, settings, cancel, note, result)
        try:
            return run.stages()
        finally:
            run.close()
    finally:
        result.wall_s = round(time.monotonic() - started, 3)


def verify_file(
    sandbox: Sandbox, target: Target, candidate_path: str, **kwargs: object
) -> VerifyResult:
    from .errors import UserError

    try:
        with open(candidate_path, encoding="utf-8") as fh:
            source = fh.read()
    except OSError as exc:
        raise UserError(
            f"cannot read the candidate file {candidate_path}: {exc.strerror}"
        ) from None
    return verify(sandbox, target, source, **kwargs)  # type: ignore[arg-type]
