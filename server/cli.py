"""`afterburner` command line: the only place that prints or exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from afterburner.sandbox.errors import UserError

from . import report

EXIT_USER_ERROR = 2


class _Progress:
    """A one-line progress indicator on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, stage: str, fraction: float) -> None:
        if self.enabled:
            filled = int(fraction * 20)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {stage:<12}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 40 + "\r")


def _sandbox(args: argparse.Namespace) -> Any:
    from afterburner.sandbox.worker import Sandbox

    return Sandbox(python=args.python)


def cmd_profile(args: argparse.Namespace) -> dict:
    from afterburner.sandbox.profile import profile
    from afterburner.sandbox.target import parse_target

    target = parse_target(args.target, args.root)
    return profile(_sandbox(args), target, budget_s=args.budget).to_json()


def cmd_verify(args: argparse.Namespace) -> dict:
    from afterburner.sandbox.target import parse_target
    from afterburner.sandbox.verify import VerifySettings, verify_file

    target = parse_target(args.target, args.root)
    settings = VerifySettings(threshold=args.threshold, budget_s=args.budget)
    progress = _Progress(not args.json)
    try:
        return verify_file(
            _sandbox(args), target, args.candidate, settings=settings, progress=progress
        ).to_json()
    finally:
        progress.done()


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", help="path/to/file.py::function or path/to/file.py::Class.method")
    p.add_argument("--root", default=".", help="workspace whose tests supply inputs (default: .)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--python", default=None, help="workspace interpreter (default: this one)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="afterburner",
        description="Make the Python function under the cursor faster, and prove it.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("profile", help="runtime distribution, memory, hot lines, growth")
    _common(p)
    p.add_argument("--budget", type=float, default=2.0, help="seconds of measurement (default 2)")
    p.set_defaults(func=cmd_profile, render=report.profile_text)
    v = sub.add_parser("verify", help="equivalence and timing verdict of a rewrite")
    _common(v)
    v.add_argument("--candidate", required=True, help="file holding the rewritten function")
    v.add_argument("--threshold", type=float, default=1.05, help="smallest speedup called faster")
    v.add_argument("--budget", type=float, default=2.0, help="seconds of timing (default 2)")
    v.set_defaults(func=cmd_verify, render=report.verify_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result = args.func(args)
    except UserError as exc:
        print(f"afterburner: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("afterburner: interrupted", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print(args.render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
