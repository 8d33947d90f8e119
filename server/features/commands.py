"""`afterburner.profile` and `afterburner.optimize` [uri, qualname | 0-based line], and
`afterburner.scan` [{"tests": pytest arguments, "fresh": bool}?]: heavy work with
cancellable progress; results land in the store and refresh the editor."""

from __future__ import annotations

import logging

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from .code_actions import APPLY, OPTIMIZE, PROFILE, SCAN, verified_edits
from .diagnostics import refresh

log = logging.getLogger("afterburner")


async def _resolve(ls, args: tuple):
    """(document, the function's span) from [uri, qualname | 0-based line], or None."""
    if len(args) < 2 or not isinstance(args[0], str) or not isinstance(args[1], (str, int)):
        raise JsonRpcInvalidParams("arguments: [document uri, function name or 0-based line]")
    uri, where = args[0], args[1]
    doc = await ls.indexed(uri)
    if doc is None:
        ls.message(f"{uri} is not a Python file")
        return None
    if isinstance(where, int):
        span = doc.index.at(where)
    else:
        span = doc.index.named(where)
    if span is None:
        ls.message(
            "the cursor is not inside a function"
            if isinstance(where, int)
            else f"no function `{where}` in {doc.path.name} as the editor has it",
            types.MessageType.Info,
        )
        return None
    return doc, span


async def _run(ls, args: tuple, kind: str, title: str, method: str):
    """Resolve the target, run the engine's method with progress, refresh the editor."""
    resolved = await _resolve(ls, args)
    if resolved is None:
        return None, None
    doc, span = resolved
    # Here, on the main thread, not at start-up: an optimize job's result unpickles into the
    # loop's classes in a worker thread, where importing the sandbox's child modules would
    # fail (they install a signal handler at import time, which only the main thread may).
    import afterburner.model.loop  # noqa: F401

    engine = ls.get_engine()
    name = span.qualname.rsplit(".", 1)[-1]

    def work(cancel, report):
        return getattr(engine, method)(doc.path, doc.source, span, cancel, report)

    out = await ls.with_progress(
        title.format(name=name, backend=engine.settings.backend),
        work,
        (kind, doc.uri, span.qualname),
    )
    if out is not None:
        await refresh(ls, doc.uri)
    return out, name


def register(server) -> None:
    @server.command(PROFILE)
    async def profile_command(ls, *args) -> dict | None:
        out, _ = await _run(ls, args, "profile", "Profiling {name}", "profile")
        if out is None:
            return None
        rec, regression = out
        for problem in rec.measurement.problems:
            ls.message(problem, types.MessageType.Warning)
        return {"median_s": rec.measurement.median_s, "regression": bool(regression)}

    @server.command(APPLY)
    async def apply_command(ls, *args) -> dict | None:
        """Apply the best verified rewrite (the hover's link; the code action does the same
        with its own edit)."""
        resolved = await _resolve(ls, args)
        if resolved is None:
            return None
        doc, span = resolved
        found = await verified_edits(ls, doc, span, limit=1)
        if not found:
            ls.message(
                f"no verified rewrite of {span.qualname} for the text as it is now; run "
                "Optimize again",
                types.MessageType.Info,
            )
            return {"applied": False}
        answer = await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(edit=found[0][1], label="Afterburner rewrite")
        )
        return {"applied": bool(answer and answer.applied)}

    @server.command(OPTIMIZE)
    async def optimize_command(ls, *args) -> dict | None:
        result, name = await _run(ls, args, "optimize", "Optimizing {name} ({backend})", "optimize")
        if result is None:
            return None
        for c in (c for rnd in result.rounds for c in rnd):
            # What the model wrote and what became of it: the log is where a user looks
            # when a backend's rewrites are all rejected.
            why = f": {c.reason}" if c.reason else ""
            log.info("%s attempt %d.%d %s%s\n%s", name, c.round, c.index, c.status, why, c.raw)
        if result.best is None:
            ls.message(
                f"no verified faster rewrite of {name} found ({result.stopped})",
                types.MessageType.Info,
            )
            return {"speedup": None}
        lo, hi = result.best.ci95
        weak = result.best.evidence == "weak"
        ls.message(
            f"{name}: verified {result.best.speedup:.1f}x faster rewrite "
            f"(95% CI {lo:.1f}–{hi:.1f}x); apply it from the code actions"
            + (f". Weak evidence: {result.best.evidence_note}" if weak else ""),
            types.MessageType.Warning if weak else types.MessageType.Info,
        )
        return {"speedup": result.best.speedup, "ci95": result.best.ci95}

    @server.command(SCAN)
    async def scan_command(ls, *args) -> dict | None:
        """The workspace's functions ranked by the time its tests spend in them; the
        hottest get a lens. Each row carries the file's URI and the def's 0-based line."""
        options = args[0] if args and isinstance(args[0], dict) else {}
        tests, fresh = options.get("tests"), bool(options.get("fresh", False))
        if tests is not None and not isinstance(tests, str):
            raise JsonRpcInvalidParams('arguments: [{"tests": "pytest arguments", "fresh": bool}]')
        engine = ls.get_engine()
        out = await ls.with_progress(
            "Scanning the workspace",
            lambda cancel, report: engine.scan(cancel, report, tests, fresh),
            ("scan", str(engine.root), ""),
        )
        if out is None:
            return None
        for note in out["notes"]:
            log.info("scan: %s", note)
        caps = ls.client_capabilities.workspace
        if caps and caps.code_lens and caps.code_lens.refresh_support:
            ls.workspace_code_lens_refresh(None)
        root = engine.root
        rows = [{**f, "uri": (root / f["file"]).as_uri(), "line": max(0, f["line"] - 1)}
                for f in out["functions"]]  # fmt: skip
        return {**out, "functions": rows}
