"""`afterburner.profile` and `afterburner.optimize` [uri, qualname | 0-based line]: heavy
work with cancellable progress; results land in the store and refresh the editor."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from ..documents import function_at
from .code_actions import OPTIMIZE, PROFILE
from .diagnostics import publish


def _resolve(ls, args: tuple) -> tuple[str, Path, str] | None:
    if len(args) < 2 or not isinstance(args[0], str):
        ls.message("commands take [document uri, function name or line]")
        return None
    uri, where = args[0], args[1]
    doc = ls.document(uri)
    if doc is None:
        ls.message(f"{uri} is not a Python file")
        return None
    path, source = doc
    if isinstance(where, int):
        span = function_at(source, where)
        if span is None:
            ls.message("the cursor is not inside a function", types.MessageType.Info)
            return None
        where = span.qualname
    return uri, path, str(where)


def refresh(ls, uri: str) -> None:
    publish(ls, uri)
    caps = ls.client_capabilities.workspace
    if caps and caps.code_lens and caps.code_lens.refresh_support:
        ls.workspace_code_lens_refresh(None)


async def _run(ls, args: tuple, kind: str, title: str, method: str):
    """Resolve the target, run the engine's method with progress, refresh the editor."""
    resolved = _resolve(ls, args)
    if resolved is None:
        return None, None
    uri, path, qualname = resolved
    engine = ls.get_engine()
    name = qualname.rsplit(".", 1)[-1]

    def work(cancel, report):
        return getattr(engine, method)(path, qualname, cancel, report)

    out = await ls.with_progress(
        title.format(name=name, backend=engine.settings.backend), work, (kind, uri, qualname)
    )
    if out is not None:
        refresh(ls, uri)
    return out, name


def register(server) -> None:
    @server.command(PROFILE)
    async def profile_command(ls, *args) -> dict | None:
        out, _ = await _run(ls, args, "profile", "Profiling {name}", "profile")
        if out is None:
            return None
        rec, regression = out
        return {"median_s": rec.profile["per_call"]["median_s"], "regression": bool(regression)}

    @server.command(OPTIMIZE)
    async def optimize_command(ls, *args) -> dict | None:
        result, name = await _run(ls, args, "optimize", "Optimizing {name} ({backend})", "optimize")
        if result is None:
            return None
        if result.best is None:
            ls.message(
                f"no verified faster rewrite of `{name}` found ({result.stopped})",
                types.MessageType.Info,
            )
            return {"speedup": None}
        lo, hi = result.best.ci95
        ls.message(
            f"`{name}`: verified {result.best.speedup:.1f}x faster rewrite "
            f"(95% CI {lo:.1f}–{hi:.1f}x); apply it from the code actions",
            types.MessageType.Info,
        )
        return {"speedup": result.best.speedup, "ci95": result.best.ci95}
