"""Human-readable renderings of sandbox results for the terminal."""

from __future__ import annotations

from typing import Any


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def size(value: float | None) -> str:
    if value is None:
        return "-"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(value) < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def inputs_line(inputs: dict) -> str:
    parts = [f"{inputs.get('total', 0)} inputs"]
    detail = [
        f"{inputs[k]} {label}"
        for k, label in (
            ("from_tests", "from tests"),
            ("from_doctest", "from doctests"),
            ("from_explicit", "explicit"),
            ("generated", "generated"),
        )
        if inputs.get(k)
    ]
    if detail:
        parts.append("(" + ", ".join(detail) + ")")
    text = " ".join(parts)
    for problem in inputs.get("problems") or []:
        text += f"\n  warning   {problem}"
    return text


def verify_text(r: dict[str, Any]) -> str:
    lines = [
        f"target      {r['target']}",
        f"inputs      {inputs_line(r['inputs'])}" if r["inputs"] else "",
    ]
    if not r["equivalent"]:
        lines.append(f"equivalent  NO ({r['stage']}): {r['reason']}")
        if r.get("counterexample"):
            lines.append(f"counterexample  {r['counterexample']}")
    else:
        if r.get("evidence") == "weak":
            lines.append(f"equivalent  yes, on WEAK evidence: {r['evidence_note']}")
        else:
            lines.append(f"equivalent  yes: {r.get('evidence_note')}")
        lo, hi = r["ci95"]
        lines.append(
            f"verdict     {r['verdict']}: {r['speedup']:.2f}x (95% CI {lo:.2f}-{hi:.2f}x, "
            f"{r['timing']['pairs']} pairs in {r['timing']['workers']} pairs of processes)"
        )
        o, c = r["original"], r["candidate"]
        lines.append(
            f"per call    {seconds(o.get('median_s'))} -> {seconds(c.get('median_s'))} "
            "(median over inputs)"
        )
        if "peak_bytes" in o:
            lines.append(f"peak memory {size(o['peak_bytes'])} -> {size(c.get('peak_bytes'))}")
    lines.append(isolation_line(r["isolation"]))
    return "\n".join(line for line in lines if line)


def isolation_line(iso: dict[str, Any]) -> str:
    """The jail in one line, with every layer that did NOT hold named."""
    weak = [f"{k}: {v}" for k, v in iso.items() if isinstance(v, str) and "NOT" in v]
    held = f"jail {iso.get('jail', 'none')}; {iso.get('network', '')}"
    if iso.get("seccomp") and not weak:
        held += "; mounts locked, no capabilities, seccomp filter"
    return "isolation   " + held + ("; " + "; ".join(weak) if weak else "")


def profile_text(r: dict[str, Any]) -> str:
    pc, mem = r["per_call"], r["memory"]
    lines = [
        f"target      {r['target']}",
        f"inputs      {inputs_line(r['inputs'])}",
        f"per call    median {seconds(pc['median_s'])}, p90 {seconds(pc['p90_s'])}, "
        f"p99 {seconds(pc['p99_s'])} (over {pc['n']} inputs)",
        f"memory      peak {size(mem['peak_bytes'])} per call; "
        f"worker RSS high-water {size(mem.get('rss_hwm_bytes'))}",
    ]
    cx = r.get("complexity")
    if cx and cx.get("exponent") is not None:
        lines.append(
            f"growth      time ~ n^{cx['exponent']} ({cx['label']}) over sizes "
            f"{cx['points'][0][0]}-{cx['points'][-1][0]}"
        )
    if cx and cx.get("note"):
        lines.append(f"growth      {cx['note']}")
    if r["hot_lines"]:
        lines.append("hot lines")
        for h in r["hot_lines"][:5]:
            lines.append(f"  {h['share'] * 100:5.1f}%  line {h['line']:<5} {h['text'][:70]}")
    return "\n".join(lines)


def optimize_text(r: dict[str, Any]) -> str:
    base = r["baseline"]
    lines = [
        f"target      {r['target']} ({r['backend']} backend)",
        f"inputs      {inputs_line(r['inputs'])}",
        f"original    {seconds(base['median_s'])} per call (median), "
        f"peak {size(base['peak_bytes'])}",
    ]
    for rnd in r["rounds"]:
        for c in rnd:
            figure = f" {c['speedup']:.2f}x" if c.get("speedup") else ""
            why = f": {c['reason'][:100]}" if c.get("reason") else ""
            lines.append(f"  round {c['round']} #{c['index']}  {c['status']}{figure}{why}")
    lines.append(f"stopped     {r['stopped']} ({r['wall_s']:.0f} s)")
    best = r.get("best")
    if not best:
        lines.append("result      no verified faster rewrite found; the function is unchanged")
        return "\n".join(lines)
    lo, hi = best["ci95"]
    lines.append(
        f"best        {best['speedup']:.2f}x faster (95% CI {lo:.2f}-{hi:.2f}x), "
        f"{seconds(best['median_s'])} per call, peak {size(best['peak_bytes'])}"
    )
    lines.append("written to the file" if r.get("written") else "not written (use --write)")
    lines.append("")
    lines.append(r["diff"])
    return "\n".join(lines)
