"""Words and numbers for the editor: hover markdown, action titles, lens titles."""

from __future__ import annotations

from ..report import seconds, size
from ..store import Record


def rewrite_title(name: str, r: dict) -> str:
    lo, hi = r["ci95"]
    memory = ""
    base, peak = r.get("baseline_peak_bytes"), r.get("peak_bytes")
    if base and peak is not None:
        change = (peak - base) / base * 100
        memory = f", {'+' if change >= 0 else '−'}{abs(change):.0f}% memory"
    return (
        f"Apply {r['speedup']:.1f}x faster `{name}` (95% CI {lo:.1f}–{hi:.1f}x, "
        f"{r.get('inputs', 0)} inputs{memory})"
    )


def hover_markdown(
    name: str, rec: Record | None, among: float | None, rank: float | None, spec: str
) -> str:
    head = f"**Afterburner** · `{name}`"
    if rec is None or rec.profile is None:
        return (
            f"{head}\n\nNot measured yet. Use the code action **Profile `{name}`** "
            f"(or run `afterburner profile {spec}`); saving after an edit re-measures "
            "functions measured before."
        )
    p = rec.profile
    pc, inputs = p["per_call"], p.get("inputs", {})
    count = pc.get("n", inputs.get("total", 0))
    peak = size(p.get("memory", {}).get("peak_bytes"))
    lines = [
        head,
        "",
        f"median **{seconds(pc['median_s'])}** · p90 {seconds(pc.get('p90_s'))} per call "
        f"over {count} inputs · peak {peak}",
    ]
    facts = []
    if among is not None:
        n = len([r for r in rec.rewrites if r.get("speedup")])
        facts.append(f"beats {among:.0f}% of the {n} equivalent implementations measured")
    if rank is not None:
        facts.append(f"slower than {rank:.0f}% of profiled functions in the workspace")
    if facts:
        lines += ["", " · ".join(facts)]
    cx = p.get("complexity") or {}
    if cx.get("exponent") is not None:
        lines += ["", f"growth: time ~ n^{cx['exponent']} ({cx['label']})"]
    best = rec.best_rewrites(1)
    if best:
        lines += [
            "",
            f"A verified **{best[0]['speedup']:.1f}x faster** rewrite is available "
            "as a code action.",
        ]
    return "\n".join(lines)


def lens_title(rec: Record) -> str:
    pc = rec.profile["per_call"]
    text = f"⏱ {seconds(pc['median_s'])}/call (p90 {seconds(pc.get('p90_s'))})"
    best = rec.best_rewrites(1)
    if best:
        text += f" · {best[0]['speedup']:.1f}x faster rewrite available"
    return text
