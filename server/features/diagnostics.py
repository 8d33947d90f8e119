"""On save: re-profile functions measured before whose source changed (debounced, bounded),
then publish Hint/Information diagnostics: hot lines, super-linear growth, regressions."""

from __future__ import annotations

import asyncio
import logging
import threading

from lsprotocol import types

from afterburner.sandbox.lines import split_lines, strip_break

log = logging.getLogger("afterburner")
DEBOUNCE_S = 0.5
PREWARM_S = 0.15  # typing pause after which a changed document is parsed ahead of requests
MAX_PER_SAVE = 5
HOT_SHARE = 0.2  # a line taking at least this share of its function's time is worth a hint


def diagnostics_for(ls, doc) -> list[types.Diagnostic]:
    engine = ls.get_engine()
    out: list[types.Diagnostic] = []
    lines = [strip_break(line) for line in split_lines(doc.source)]
    units = ls.workspace.position_codec.client_num_units
    for span in doc.index.spans:
        rec = engine.record(doc.path, span)
        if rec is None or not rec.measurement:
            continue
        m = rec.measurement
        name = span.qualname.rsplit(".", 1)[-1]
        offset = span.first_line - m.first_line
        for hot in m.hot_lines:
            line = hot.line - 1 + offset
            if (
                hot.share >= HOT_SHARE
                and span.first_line <= line <= span.end_line
                and line < len(lines)
            ):
                text = lines[line]
                indent = text[: len(text) - len(text.lstrip())]
                out.append(
                    types.Diagnostic(
                        range=types.Range(
                            types.Position(line, units(indent)),
                            types.Position(line, units(text)),
                        ),
                        message=f"this line takes {hot.share * 100:.0f}% of {name}'s time",
                        severity=types.DiagnosticSeverity.Hint,
                        source="afterburner",
                    )
                )
        growth = m.growth
        if growth and growth.exponent is not None and growth.exponent >= 1.3:
            out.append(
                _on_def(
                    span,
                    lines,
                    units,
                    types.DiagnosticSeverity.Information,
                    f"{name} grows super-linearly: time ~ n^{growth.exponent} ({growth.label}) "
                    "on inputs resampled to growing sizes",
                )
            )
        regression = m.regression
        if regression:
            out.append(
                _on_def(
                    span,
                    lines,
                    units,
                    types.DiagnosticSeverity.Information,
                    f"{name} became {regression.factor:.1f}x slower since the last "
                    f"measurement ({regression.previous_s * 1e3:.3g} ms -> "
                    f"{regression.now_s * 1e3:.3g} ms per call)",
                )
            )
    return out


def _on_def(span, lines, units, severity, message: str) -> types.Diagnostic:
    text = lines[span.def_line] if span.def_line < len(lines) else ""
    return types.Diagnostic(
        range=types.Range(
            types.Position(span.def_line, 0), types.Position(span.def_line, units(text))
        ),
        message=message,
        severity=severity,
        source="afterburner",
    )


async def publish(ls, uri: str) -> None:
    doc = await ls.indexed(uri)
    if doc is None:
        return
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics_for(ls, doc))
    )


async def publish_all(ls) -> None:
    for uri in list(ls.workspace.text_documents):
        await publish(ls, uri)


async def refresh(ls, uri: str) -> None:
    """Diagnostics and lenses after anything was measured."""
    await publish(ls, uri)
    caps = ls.client_capabilities.workspace
    if caps and caps.code_lens and caps.code_lens.refresh_support:
        ls.workspace_code_lens_refresh(None)


async def reprofile(ls, uri: str) -> None:
    await asyncio.sleep(DEBOUNCE_S)
    doc = await ls.indexed(uri)
    if doc is None:
        return
    engine = ls.get_engine()
    key = engine.key(doc.path)
    # measured before, under any source (history survives the watcher dropping stale records)
    known = {q for (f, q) in engine.store.history if f == key}
    stale = [
        s for s in doc.index.spans if s.qualname in known and engine.record(doc.path, s) is None
    ]
    log.info("re-profiling after save: %s", [s.qualname for s in stale])
    for span in stale[:MAX_PER_SAVE]:
        cancel = threading.Event()
        ls.running[("profile-on-save", uri, span.qualname)] = cancel
        try:
            await ls.run_blocking(
                lambda ev, s=span: engine.profile(doc.path, doc.source, s, ev), cancel
            )
        except asyncio.CancelledError:
            log.debug("re-profiling %s after save was cancelled", span.qualname)
            raise
        except Exception as exc:  # noqa: BLE001 - shown, never fatal
            ls.message(
                f"re-profiling {span.qualname} after save failed: {exc}",
                types.MessageType.Warning,
            )
        finally:
            ls.running.pop(("profile-on-save", uri, span.qualname), None)
    await refresh(ls, uri)


async def _prewarm(ls, uri: str) -> None:
    """Parse the new version, and drop the hints of functions it changed."""
    await asyncio.sleep(PREWARM_S)
    await publish(ls, uri)


def register(server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: types.DidOpenTextDocumentParams) -> None:
        ls.spawn(publish(ls, params.text_document.uri))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: types.DidChangeTextDocumentParams) -> None:
        # parse the new version once typing pauses, so that the next hover finds it ready
        uri = params.text_document.uri
        previous = ls.prewarm.pop(uri, None)
        if previous is not None:
            previous.cancel()
        ls.prewarm[uri] = ls.spawn(_prewarm(ls, uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if not ls.settings.profile_on_save or ls.document(uri) is None:
            return
        previous = ls.debounce.pop(uri, None)
        if previous is not None:
            previous.cancel()
        ls.debounce[uri] = ls.spawn(reprofile(ls, uri))
