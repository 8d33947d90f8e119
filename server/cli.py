"""`afterburner` command line: the only place that prints or exits."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from afterburner.sandbox.errors import UserError

from . import report, scan_cli
from .cli_options import Progress as _Progress
from .cli_options import loop_options, loop_settings, make_backend_from, sampling, tolerance

EXIT_USER_ERROR = 2


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
    settings = VerifySettings(
        threshold=args.threshold, budget_s=args.budget, float_tolerance=args.float_tolerance
    )
    progress = _Progress(not args.json)
    try:
        result = verify_file(
            _sandbox(args), target, args.candidate, settings=settings, progress=progress
        ).to_json()
    finally:
        progress.done()
    # The long details first, the answer last: the end of the output is what a reader (or a
    # `tail` in a script) sees.
    answer = ("counterexample", "reason", "verdict", "speedup", "ci95", "equivalent")
    details = {k: v for k, v in result.items() if k not in answer}
    return {**details, **{k: result[k] for k in answer}}


def cmd_optimize(args: argparse.Namespace) -> dict:
    from afterburner.model.loop import optimize
    from afterburner.sandbox.target import load_function, parse_target

    target = parse_target(args.target, args.root)
    before = target.source()
    load_function(target)  # a bad target is reported before any backend loads
    backend = make_backend_from(args)
    settings = loop_settings(args)
    progress = _Progress(not args.json)
    shown = None if args.json or not sys.stderr.isatty() else _print_candidate
    try:
        result = optimize(
            _sandbox(args), target, backend, settings, progress=progress, on_candidate=shown
        )
    finally:
        progress.done()
        backend.close()
    data = result.to_json()
    data["written"] = False
    if args.write and result.best is not None:
        from afterburner.sandbox.splice import apply_rewrite

        from .edits import write_atomically

        if target.source() != before:
            raise UserError(
                f"{target.file} changed while {target.qualname} was being optimized; not "
                "writing. Run the optimization again on the new version."
            )
        write_atomically(target.file, apply_rewrite(before, target.qualname, result.best.code))
        data["written"] = True
    return data


def _print_candidate(c: Any) -> None:
    figure = f" {c.speedup:.2f}x" if c.speedup else ""
    sys.stderr.write(
        f"\r  round {c.round} #{c.index}: {c.status}{figure}"
        f"{' - ' + c.reason[:90] if c.reason else ''}\n"
    )


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until `exit`: status 0 after a `shutdown`, 1 without one (as LSP asks)."""
    import logging

    from .app import create_server

    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    server = create_server()
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
    return 0 if server.protocol.shut_down else 1


def cmd_train(args: argparse.Namespace) -> dict:
    from afterburner.model.train.trainers import train

    config = training_config(args.config)
    if not isinstance(config, dict):
        raise UserError("--config must be a JSON object, e.g. '{\"learning_rate\": 1e-6}'")
    if args.lora:
        config["lora"] = True
    out = train(
        args.method, args.model, args.dataset, args.output, args.max_steps, config,
        allow_download=args.allow_download,
    )  # fmt: skip
    return {"method": args.method, "output": str(out)}


def training_config(text: str | None) -> dict:
    """--config: a named setting (paper-3b), a JSON file, or a JSON object."""
    from pathlib import Path

    from afterburner.model.train.trainers import NAMED_CONFIGS

    if not text:
        return {}
    if text in NAMED_CONFIGS:
        return dict(NAMED_CONFIGS[text])
    if not text.lstrip().startswith("{") and Path(text).is_file():
        text = Path(text).read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        names = ", ".join(NAMED_CONFIGS)
        raise UserError(
            f"--config is not a JSON object, a JSON file or a named setting ({names}): {exc}"
        ) from None


def cmd_eval(args: argparse.Namespace) -> dict:
    from afterburner.model.backends import BackendConfig, make_backend
    from afterburner.model.evaluate import Protocol, evaluate, format_table, write_report
    from afterburner.model.loop import LoopSettings
    from afterburner.model.train.data import load_dataset_rows, usable_rows
    from afterburner.sandbox.worker import Sandbox

    try:
        rows, skipped = usable_rows(load_dataset_rows(args.dataset))
    except (OSError, ValueError) as exc:  # missing file, malformed JSON lines
        raise UserError(f"cannot read the dataset {args.dataset}: {exc}") from None
    for line in skipped:
        print(f"afterburner: skipped {line}", file=sys.stderr)
    if not rows:
        raise UserError(f"no usable row in {args.dataset} ({len(skipped)} skipped)")
    backend = make_backend(
        BackendConfig(
            backend=args.backend, base_url=args.base_url, model=args.model, device=args.device
        )
    )
    try:
        sampling = LoopSettings(
            temperature=args.temperature,
            max_tokens=args.max_tokens,
            timeout_s=args.timeout,
            seed=args.seed,
        )
        protocol = Protocol(args.protocol, args.feedback, args.from_solution)
        report = evaluate(
            backend, rows, args.iterations, Sandbox(python=args.python), k=args.k,
            sampling=sampling, protocol=protocol,
            progress=lambda line: print(f"afterburner: {line}", file=sys.stderr, flush=True),
        )  # fmt: skip
    finally:
        backend.close()
    report["skipped"] = skipped
    paths = write_report(report, args.out)
    if args.plot:
        import shutil

        shutil.copy(paths["png"], args.plot)
    report["table"] = format_table(report)
    report["files"] = {k: str(v) for k, v in paths.items()}
    return report


def _allow_download(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-download",
        action="store_true",
        help="let a model name be fetched from the Hugging Face Hub (default: local files only)",
    )


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
    srv = sub.add_parser("serve", help="the language server (stdio by default)")
    srv.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio")
    srv.add_argument("--verbose", action="store_true", help="log to stderr")
    srv.set_defaults(func=cmd_serve, render=None)
    p = sub.add_parser("profile", help="runtime distribution, memory, hot lines, growth")
    _common(p)
    p.add_argument("--budget", type=float, default=2.0, help="seconds of measurement (default 2)")
    p.set_defaults(func=cmd_profile, render=report.profile_text)
    v = sub.add_parser("verify", help="equivalence and timing verdict of a rewrite")
    _common(v)
    v.add_argument("--candidate", required=True, help="file holding the rewritten function")
    v.add_argument("--threshold", type=float, default=1.05, help="smallest speedup called faster")
    v.add_argument("--budget", type=float, default=2.0, help="seconds of timing (default 2)")
    tolerance(v)
    v.set_defaults(func=cmd_verify, render=report.verify_text)
    o = sub.add_parser("optimize", help="propose, verify and time rewrites; keep the best")
    _common(o)
    loop_options(o)
    o.add_argument("--write", action="store_true", help="replace the function in the file")
    o.set_defaults(func=cmd_optimize, render=report.optimize_text)
    scan_cli.add_parser(sub)
    t = sub.add_parser("train", help="SFT, DPO or GRPO (sandbox reward) on a Venus-schema dataset")
    t.add_argument("method", choices=["sft", "dpo", "grpo"])
    t.add_argument("--model", required=True, help="base checkpoint: local path or cached name")
    t.add_argument("--dataset", required=True, help="JSONL, Parquet or a datasets folder")
    t.add_argument("--output", required=True, help="where the trained checkpoint is saved")
    t.add_argument("--max-steps", type=int, default=-1, help="stop after N steps")
    t.add_argument("--lora", action="store_true", help="train LoRA adapters (merged on save)")
    t.add_argument(
        "--config", help="training options: a JSON object, a JSON file, or paper-3b (README)"
    )
    t.add_argument("--json", action="store_true", help="print one JSON object")
    _allow_download(t)
    t.set_defaults(
        func=cmd_train, render=lambda r: f"{r['method']} checkpoint saved to {r['output']}"
    )
    e = sub.add_parser("eval", help="the paper's metrics over iterations of the loop")
    e.add_argument("--backend", default="rules")
    e.add_argument("--dataset", required=True)
    e.add_argument("--iterations", type=int, default=10)
    e.add_argument(
        "-k", type=int, default=1, help="completions per iteration (loop protocol; default 1)"
    )
    e.add_argument(
        "--protocol",
        choices=("paper", "loop"),
        default="paper",
        help="paper (default): iteration 0 the model's own solution, tests deciding, fixes "
        "count; loop: the editor's verified loop from the starting solution",
    )
    e.add_argument(
        "--feedback",
        choices=("best", "latest"),
        default="best",
        help="paper protocol: show the model the best solution so far (Algorithm 1) or the "
        "latest (the paper's evaluation code)",
    )
    e.add_argument(
        "--from-solution",
        action="store_true",
        help="paper protocol: iteration 0 is the row's starting solution (always for rules)",
    )
    sampling(e, temperature=0.0)
    e.add_argument("--model")
    e.add_argument("--base-url")
    e.add_argument("--device")
    e.add_argument("--python", default=None)
    e.add_argument("--out", default=".afterburner/eval", help="folder for eval.json and eval.png")
    e.add_argument("--plot", help="also copy the PNG plot here")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_eval, render=lambda r: r["table"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from afterburner.model.checkpoints import stay_offline

    stay_offline(getattr(args, "allow_download", False))
    if args.command == "serve":
        return args.func(args)
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
