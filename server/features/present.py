"""Words and numbers for the editor: hover markdown, action titles, lens titles.

Titles and lenses are plain text in every client (no Markdown: a backtick shows as one);
the hover is Markdown, with command links where the client runs them."""

from __future__ import annotations

from ..records import Rewrite
from ..report import seconds, size
from ..store import Record


def memory_change(base: float | None, peak: float | None) -> str:
    """ "3.2 KiB → 19.2 KiB (+506%)": the figures, not only the ratio."""
    if not base or peak is None:
        return ""
    change = (peak - base) / base * 100
    return f"{size(base)} → {size(peak)} ({'+' if change >= 0 else '−'}{abs(change):.0f}%)"


def rewrite_title(name: str, r: Rewrite) -> str:
    lo, hi = r.ci95 or (r.speedup, r.speedup)
    memory = memory_change(r.baseline_peak_bytes, r.peak_bytes)
    memory = f", memory {memory}" if memory else ""
    weak = f"; weak evidence: {r.evidence_note}" if r.evidence == "weak" else ""
    n = r.inputs
    return (
        f"Apply {r.speedup:.1f}x faster {name} (95% CI {lo:.1f}–{hi:.1f}x, "
        f"{n} input{'' if n == 1 else 's'}{memory}{weak})"
    )


def standing(among: float, n: int) -> str:
    """Where this implementation stands among the n equivalent ones measured for it."""
    if n == 1:
        return f"{'faster' if among >= 50 else 'slower'} than the one equivalent rewrite measured"
    if among <= 0:
        return f"slower than all {n} equivalent rewrites measured"
    if among >= 100:
        return f"faster than all {n} equivalent rewrites measured"
    return f"beats {among:.0f}% of the {n} equivalent rewrites measured"


def command_link(title: str, command: str, arguments: list) -> str:
    """A Markdown link that runs a command (VS Code's `command:` URIs)."""
    import json
    from urllib.parse import quote

    return f"[{title}](command:{command}?{quote(json.dumps(arguments))})"


def hover_markdown(
    name: str,
    rec: Record | None,
    among: float | None,
    rank: float | None,
    spec: str,
    links: dict[str, str] | None = None,
) -> str:
    """`links`: Markdown links to run (profile, optimize, apply), where the client can."""
    links = links or {}
    head = f"**Afterburner** · `{name}`"
    if rec is None or rec.measurement is None:
        action = links.get("profile") or f"the code action **Profile {name}**"
        return (
            f"{head}\n\nNot measured yet. Run {action} (or `afterburner profile {spec}`); "
            "saving after an edit re-measures functions measured before."
        )
    m = rec.measurement
    lines = [
        head,
        "",
        f"median **{seconds(m.median_s)}** · p90 {seconds(m.p90_s)} per call "
        f"over {m.n} inputs · peak {size(m.peak_bytes)}",
    ]
    facts = []
    n = len([r for r in rec.rewrites if r.speedup])
    if among is not None and n:
        facts.append(standing(among, n))
    if rank is not None:
        facts.append(f"slower than {rank:.0f}% of profiled functions in the workspace")
    if facts:
        lines += ["", " · ".join(facts)]
    if m.growth and m.growth.exponent is not None:
        lines += ["", f"growth: time ~ n^{m.growth.exponent} ({m.growth.label})"]
    best = rec.best_rewrites(1)
    if best:
        where = links.get("apply") or "as a code action"
        lines += ["", f"A verified **{best[0].speedup:.1f}x faster** rewrite: {where}."]
        if best[0].evidence == "weak":
            lines.append(f"Weak evidence: {best[0].evidence_note}.")
    elif links.get("optimize"):
        lines += ["", links["optimize"]]
    return "\n".join(lines)


def lens_title(rec: Record, icons: bool = False) -> str:
    """`icons`: the client draws codicons (`$(watch)`); elsewhere a glyph may be a box."""
    m = rec.measurement
    icon = "$(watch) " if icons else ""
    text = f"{icon}{seconds(m.median_s)}/call (p90 {seconds(m.p90_s)})"
    best = rec.best_rewrites(1)
    if best:
        text += f" · {best[0].speedup:.1f}x faster rewrite available"
    return text


def hot_title(share: float, of_tests: bool, icons: bool = False) -> str:
    """Over one of the hottest functions of the last scan: its share, and the way on."""
    icon = "$(flame) " if icons else ""
    pct = f"{100 * share:.0f}%" if share >= 0.1 else f"{100 * share:.1f}%"
    return f"{icon}{pct} of {'test' if of_tests else 'run'} time · Optimize"
