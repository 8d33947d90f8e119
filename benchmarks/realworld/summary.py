"""The printed summary: per project and in total, then every failure with its reason."""

from __future__ import annotations

import statistics
from collections.abc import Iterable


def _frac(records: Iterable[dict], kind: str) -> tuple[int, int]:
    runs = [r[kind] for r in records if kind in r]
    return sum(run["status"] == "pass" for run in runs), len(runs)


def figures(records: list[dict]) -> dict:
    reachable = [r for r in records if r.get("reachable")]
    covered = [
        r for r in reachable if ((r["profile"].get("inputs") or {}).get("from_tests") or 0) > 0
    ]
    ratios = [r["capture_ratio"] for r in records if r.get("capture_ratio")]
    faster = [r for r in records if r.get("fast", {}).get("verdict") == "faster"]
    return {
        "functions": len(records),
        "identity": _frac(records, "identity"),
        "wrong": _frac(records, "wrong"),
        "fast": _frac(records, "fast"),
        "fast_called_faster": len(faster),
        "coverage": (len(covered), len(reachable)),
        "profile_ok": sum(r["profile"]["status"] == "pass" for r in records),
        "ratio_median": round(statistics.median(ratios), 2) if ratios else None,
        "ratio_max": max(ratios) if ratios else None,
    }


def failures(records: list[dict]) -> list[dict]:
    out = []
    for r in records:
        for kind in ("profile", "identity", "wrong", "fast"):
            run = r.get(kind)
            if run and run["status"] != "pass":
                out.append(
                    {
                        "function": f"{r['project']}:{r['file']}::{r['qualname']}",
                        "kinds": r["kinds"],
                        "run": kind,
                        "status": run["status"],
                        "why": run.get("why") or run.get("reason"),
                        "reason": run.get("reason"),
                        "stage": run.get("stage"),
                    }
                )
    return out


def _cell(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "-"


def table(records: list[dict], suites: dict[str, dict]) -> str:
    header = (
        "project",
        "suite passed",
        "fns",
        "identity ok",
        "wrong rejected",
        "fast ok",
        "faster",
        "inputs from tests/reachable",
        "capture ratio med/max",
    )
    rows = []
    projects = sorted({r["project"] for r in records})
    for name in [*projects, "TOTAL"]:
        chosen = records if name == "TOTAL" else [r for r in records if r["project"] == name]
        f = figures(chosen)
        counts = suites.get(name, {}).get("counts", {})
        suite = "" if name == "TOTAL" else str(counts.get("passed", "?"))
        ratio = f"{f['ratio_median']}/{f['ratio_max']}" if f["ratio_median"] else "-"
        rows.append(
            (
                name,
                suite,
                str(f["functions"]),
                _cell(f["identity"]),
                _cell(f["wrong"]),
                _cell(f["fast"]),
                str(f["fast_called_faster"]),
                _cell(f["coverage"]),
                ratio,
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    fails = failures(records)
    lines += ["", f"Failures ({len(fails)}):"]
    for f in fails:
        stage = f" [stage {f['stage']}]" if f.get("stage") else ""
        lines.append(
            f"  {f['run']:<8} {f['status']:<5} {f['function']} "
            f"({','.join(f['kinds']) or 'typed'}){stage}: {str(f['why'])[:220]}"
        )
    return "\n".join(lines)
