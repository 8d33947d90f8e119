"""On save: re-profile functions measured before whose source changed (debounced, bounded),
then publish Hint/Information diagnostics: hot lines, super-linear growth, regressions."""

from __future__ import annotations

import asyncio
import logging
import threading

from lsprotocol import types

from ..documents import functions

log = logging.getLogger("afterburner")
DEBOUNCE_S = 0.5
MAX_PER_SAVE = 5
HOT_SHARE = 0.2  # a line taking at least this share of its function's time is worth a hint


def diagnostics_for(ls, path, source) -> list[types.Diagnostic]:
    engine = ls.get_engine()
    out: list[types.Diagnostic] = []
    lines = source.splitlines()
    for span in functions(source):
        rec = engine.record(path, source, span.qualname)
        if rec is None or not rec.profile:
            continue
        name = span.qualname.rsplit(".", 1)[-1]
        offset = span.first_line - rec.profile.get("first_line", span.first_line)
        for hot in rec.profile.get("hot_lines", []):
            line = hot["line"] - 1 + offset
            if (
                hot["share"] >= HOT_SHARE
                and span.first_line <= line <= span.end_line
                and line < len(lines)
            ):
                text = lines[line]
                out.append(
                    types.Diagnostic(
                        range=types.Range(
                            types.Position(line, len(text) - len(text.lstrip())),
                            types.Position(line, len(text)),
                        ),
                        message=f"this line takes {hot['share'] * 100:.0f}% of `{name}`'s time",
                        severity=types.DiagnosticSeverity.Hint,
                        source="afterburner",
                    )
                )
        cx = rec.profile.get("complexity") or {}
        if cx.get("exponent") is not None and cx["exponent"] >= 1.3:
            out.append(
                _on_def(
                    span,
                    lines,
                    types.DiagnosticSeverity.Information,
                    f"`{name}` grows super-linearly: time ~ n^{cx['exponent']} ({cx['label']}) "
                    "on inputs resampled to growing sizes",
                )
            )
        regression = rec.profile.get("regression")
        if regression:
            out.append(
                _on_def(
                    span,
                    lines,
                    types.DiagnosticSeverity.Information,
                    f"`{name}` became {regression['factor']:.1f}x slower since the last "
                    f"measurement ({regression['previous_s'] * 1e3:.3g} ms -> "
                    f"{regression['now_s'] * 1e3:.3g} ms per call)",
                )
            )
    return out


def _on_def(span, lines, severity, message: str) -> types.Diagnostic:
    text = lines[span.def_line] if span.def_line < len(lines) else ""
    return types.Diagnostic(
        range=types.Range(
            types.Position(span.def_line, 0), types.Position(span.def_line, len(text))
        ),
        message=message,
        severity=severity,
        source="afterburner",
    )


def publish(ls, uri: str) -> None:
    doc = ls.document(uri)
    if doc is None:
        return
    path, source = doc
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics_for(ls, path, source))
    )


def publish_all(ls) -> None:
    for uri in list(ls.workspace.text_documents):
        publish(ls, uri)


async def reprofile(ls, uri: str) -> None:
    await asyncio.sleep(DEBOUNCE_S)
    doc = ls.document(uri)
    if doc is None:
        return
    path, source = doc
    engine = ls.get_engine()
    key = engine.key(path)
    # measured before, under any source (history survives the watcher dropping stale records)
    known = {q for (f, q) in engine.store.history if f == key}
    stale = [
        s.qualname
        for s in functions(source)
        if s.qualname in known and engine.record(path, source, s.qualname) is None
    ]
    log.info("re-profiling after save: %s", stale)
    for qualname in stale[:MAX_PER_SAVE]:
        cancel = threading.Event()
        ls.running[("profile-on-save", uri, qualname)] = cancel
        try:
            rec, regression = await ls.run_blocking(
                lambda ev, q=qualname: engine.profile(path, q, ev), cancel
            )
            if regression is not None:
                rec.profile["regression"] = {
                    "factor": regression.factor,
                    "previous_s": regression.previous_s,
                    "now_s": regression.now_s,
                }
                engine.store.save()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - shown, never fatal
            ls.message(
                f"re-profiling `{qualname}` after save failed: {exc}", types.MessageType.Warning
            )
        finally:
            ls.running.pop(("profile-on-save", uri, qualname), None)
    publish(ls, uri)


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if not ls.settings.profile_on_save or ls.document(uri) is None:
            return
        previous = ls.debounce.pop(uri, None)
        if previous is not None:
            previous.cancel()
        ls.debounce[uri] = ls.spawn(reprofile(ls, uri))
