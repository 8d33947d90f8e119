"""`afterburner scan [--root DIR] [--tests ARGS | -- COMMAND...] [--top N] [--optimize N
[--write]] [--json]`: the command, its options and its text rendering."""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any, TypeVar

from afterburner.sandbox.errors import UserError

from .cli_options import Progress, loop_options, loop_settings, make_backend_from
from .report import seconds

T = TypeVar("T")


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "scan",
        help="rank the workspace's functions by the time its tests (or a command) spend in them",
        description="Run the workspace's tests once (or `-- COMMAND`) under a sampling profiler "
        "in the sandbox and rank the workspace's own functions by CPU time; with --optimize N, "
        "optimize the top N and check the workload with the accepted rewrites.",
    )
    p.add_argument("--root", default=".", help="the workspace (default: .)")
    p.add_argument("--tests", metavar="ARGS", help='pytest arguments, e.g. "tests/unit -k fast"')
    p.add_argument("--top", type=int, default=20, help="functions listed (default 20)")
    p.add_argument("--json", action="store_true", help="print one JSON object (README)")
    p.add_argument("--python", default=None, help="workspace interpreter (default: this one)")
    p.add_argument("--fresh", action="store_true", help="scan again even if a scan is kept")
    p.add_argument(
        "--scan-timeout", type=float, default=1800.0, help="seconds for one run (default 1800)"
    )
    p.add_argument("--optimize", type=int, default=0, metavar="N", help="optimize the top N")
    p.add_argument("--write", action="store_true", help="write the accepted rewrites (--optimize)")
    p.add_argument(
        "--repeats", type=int, default=3, help="check runs before and after each (default 3)"
    )
    loop_options(p, rounds=5, budget_s=300.0)
    p.add_argument("command", nargs="*", help="-- python SCRIPT.py ARGS | -- python -m MODULE")
    p.set_defaults(func=cmd_scan, render=scan_text)


def cmd_scan(args: argparse.Namespace) -> dict:
    from afterburner.sandbox.scan import Workload
    from afterburner.sandbox.worker import Sandbox

    from . import scan_store, scanning
    from .store import Store

    root = Path(args.root).resolve()
    if not root.is_dir():
        raise UserError(f"--root {args.root} is not a folder; give the workspace's folder")
    if args.top < 1 or args.optimize < 0 or args.repeats < 1:
        raise UserError("--top and --repeats must be at least 1, --optimize at least 0")
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    workload = Workload.parse(args.tests, command)
    sandbox = Sandbox(python=args.python)
    show = not args.json and sys.stderr.isatty()
    result, cached = _waiting(
        f"scanning: {workload.describe()}"[:60], show,
        lambda cancel: scan_store.cached_or_new(
            sandbox, root, workload, args.scan_timeout, args.fresh, cancel),
    )  # fmt: skip
    data = scanning.to_json(result, cached, args.top, Store(root))
    if not args.optimize:
        return data
    backend = make_backend_from(args)
    progress = Progress(not args.json)
    try:
        done = scanning.optimize_top(
            sandbox, root, result, args.optimize, backend, loop_settings(args), progress
        )
    finally:
        progress.done()
        backend.close()
    accepted = [o for o in done if o.status == "faster"]
    data["optimized"] = [_optimized_json(o) for o in done]
    data["sped_up"] = len(accepted)
    data["saved_share"] = round(sum(o.saved_share for o in accepted), 4)
    data["check"], data["written"] = None, []
    if not accepted:
        return data
    check = _waiting(
        f"check run: {len(accepted)} rewrites, {args.repeats} runs each", show,
        lambda cancel: scanning.check(
            sandbox, root, workload, accepted, args.repeats, args.scan_timeout, cancel),
    )  # fmt: skip
    data["check"] = {
        "repeats": args.repeats,
        "before_s": round(check.before_s, 3),
        "after_s": round(check.after_s, 3),
        "before_tests": check.before[0].tests,
        "after_tests": check.after[0].tests,
        "broke": check.broke,
    }
    data["write_refused"] = None
    if args.write:
        if check.broke:  # the report stands; nothing is written, and the reason is in it
            data["write_refused"] = (
                "; ".join(check.broke) + ". Their verdicts held on the captured inputs, but "
                "the whole workload disagrees: optimize those functions one by one with "
                "`afterburner optimize` to see which"
            )
        else:
            data["written"] = scanning.write(root, accepted)
    return data


def _waiting(label: str, show: bool, work: Any) -> Any:
    """Run `work(cancel)` in a thread, the seconds elapsed on the terminal (its length is
    unknown); Ctrl-C sets `cancel`, which stops the sandbox's workers, then re-raises."""
    cancel = threading.Event()
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work(cancel)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        while thread.is_alive():
            if show:
                sys.stderr.write(f"\r{label} ... {time.monotonic() - started:.0f} s ")
                sys.stderr.flush()
            thread.join(0.5)
    except KeyboardInterrupt:
        cancel.set()
        thread.join(10)
        raise
    finally:
        if show:
            sys.stderr.write("\r" + " " * (len(label) + 16) + "\r")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _optimized_json(o: Any) -> dict:
    return {
        "spec": o.function.spec,
        "status": o.status,
        "reason": o.reason,
        "speedup": o.speedup,
        "ci95": o.ci95,
        "evidence": o.evidence,
        "saved_share": round(o.saved_share, 4),
    }


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def scan_text(r: dict) -> str:
    width = max(60, min(shutil.get_terminal_size((100, 20)).columns, 160))
    tests = r["tests"]
    ran = f"{tests['passed']} passed, {tests['failed']} failed" if tests else f"exit {r['exit']}"
    kept = " (kept from an earlier scan of the same workspace; --fresh to rerun)"
    lines = [
        f"workload   {r['workload']}: {ran}, {seconds(r['wall_s'])} wall, "
        f"{seconds(r['sampled_s'])} CPU sampled{kept if r['cached'] else ''}",
        f"{'#':>3}  {'self':>8} {'incl.':>8} {'share':>6} {'calls':>8}  function",
    ]
    for f in r["functions"]:
        calls = "-" if f["calls"] is None else str(f["calls"])
        measured = f"  [{seconds(f['measured_median_s'])}/call]" if f["measured_median_s"] else ""
        head = (f"{f['rank']:>3}  {seconds(f['self_s']):>8} {seconds(f['total_s']):>8} "
                f"{_pct(f['self_share']):>6} {calls:>8}  ")  # fmt: skip
        name = f"{f['file']}:{f['line']} {f['qualname']}{measured}"
        lines.append(head + _fit(name, width - len(head)))
    inside = sum(f["self_share"] for f in r["functions"])
    lines.append(
        f"     listed: {_pct(inside)} of the CPU time; {r['ranked']} workspace functions in "
        f"all; outside the workspace (pytest, tests, libraries): "
        f"{_pct(r['outside_s'] / r['sampled_s']) if r['sampled_s'] else '-'}"
    )
    lines += [f"note       {n}" for n in r["notes"]]
    if "optimized" in r:
        lines += _optimize_lines(r)
    return "\n".join(lines)


def _fit(text: str, room: int) -> str:
    return text if len(text) <= room else "..." + text[-(room - 3) :]


def _optimize_lines(r: dict) -> list[str]:
    lines = ["", f"optimized the top {len(r['optimized'])}:"]
    for o in r["optimized"]:
        if o["status"] == "faster":
            lo, hi = o["ci95"] or (0, 0)
            weak = " (weak evidence)" if o["evidence"] == "weak" else ""
            what = (f"{o['speedup']:.2f}x faster (95% CI {lo:.2f}-{hi:.2f}x){weak}, saves "
                    f"~{_pct(o['saved_share'])} of the run")  # fmt: skip
        else:
            what = f"{o['status']}: {(o['reason'] or '')[:90]}"
        lines.append(f"  {o['spec']}  {what}")
    lines.append(
        f"sped up    {r['sped_up']} of {len(r['optimized'])}; estimated saving "
        f"{_pct(r['saved_share'])} of the scanned run"
    )
    c = r.get("check")
    if c:
        b, a = c["before_tests"], c["after_tests"]
        tests = (
            f"; tests {b['passed']}/{b['failed']} -> {a['passed']}/{a['failed']} passed/failed"
            if b and a
            else ""
        )
        lines.append(
            f"check run  median of {c['repeats']}: {seconds(c['before_s'])} before, "
            f"{seconds(c['after_s'])} with the rewrites "
            f"({c['before_s'] / c['after_s']:.2f}x){tests}"
        )
        lines += [f"WARNING    {b}" for b in c["broke"]]
    if r.get("write_refused"):
        lines.append("NOT WRITTEN " + r["write_refused"])
    elif r.get("written"):
        lines.append("written    " + ", ".join(r["written"]))
    elif r["sped_up"]:
        lines.append("not written (use --write)")
    return lines
