"""Command-line options shared by several commands (how the loop runs, how the model is
asked), the backend and loop settings built from them, and the terminal progress line."""

from __future__ import annotations

import argparse
import sys
from typing import Any


class Progress:
    """A one-line progress indicator on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()

    def __call__(self, stage: str, fraction: float) -> None:
        if self.enabled:
            filled = int(fraction * 20)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {stage:<40}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 64 + "\r")


def tolerance(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--float-tolerance",
        type=float,
        default=0.0,
        metavar="REL",
        help="floats within this relative difference are equal (default 0: exact)",
    )


def sampling(p: argparse.ArgumentParser, temperature: float = 0.7) -> None:
    """How the model is asked: the same flags for optimize, scan and eval."""
    p.add_argument(
        "--temperature",
        type=float,
        default=temperature,
        help=f"sampling temperature (default {temperature:g}; the paper evaluates at 0)",
    )
    p.add_argument("--max-tokens", type=int, default=2048, help="per completion (default 2048)")
    p.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per model request (default 120)"
    )
    p.add_argument(
        "--seed", type=int, default=0, help="base sampling seed; each round derives its own"
    )


def loop_options(p: argparse.ArgumentParser, rounds: int = 10, budget_s: float = 900.0) -> None:
    """The optimization loop's options: the backend, its rounds, how a rewrite is judged."""
    p.add_argument("--backend", default="rules", help="rules (default), openai, transformers, vllm")
    p.add_argument(
        "--rounds", type=int, default=rounds, help=f"at most this many rounds (default {rounds})"
    )
    p.add_argument("-k", type=int, default=4, help="candidates per round (default 4)")
    sampling(p)
    p.add_argument(
        "--time-budget", type=float, default=budget_s, help=f"seconds (default {budget_s:g})"
    )
    p.add_argument("--threshold", type=float, default=1.05, help="smallest speedup called faster")
    tolerance(p)
    p.add_argument("--base-url", help="openai: the server's URL, e.g. http://127.0.0.1:8000/v1")
    p.add_argument("--model", help="openai: model name; transformers/vllm: checkpoint path or name")
    p.add_argument("--api-key", help="openai: API key (default: $OPENAI_API_KEY)")
    p.add_argument("--device", help="transformers: cpu, cuda, ... (default: automatic)")


def make_backend_from(args: argparse.Namespace) -> Any:
    from afterburner.model.backends import BackendConfig, make_backend

    return make_backend(
        BackendConfig(
            backend=args.backend,
            base_url=args.base_url,
            model=args.model,
            api_key=args.api_key,
            device=args.device,
        )
    )


def loop_settings(args: argparse.Namespace) -> Any:
    from afterburner.model.loop import LoopSettings
    from afterburner.sandbox.verify import VerifySettings

    return LoopSettings(
        rounds=args.rounds,
        k=args.k,
        temperature=args.temperature,
        max_tokens=args.max_tokens,
        timeout_s=args.timeout,
        seed=args.seed,
        time_budget_s=args.time_budget,
        verify=VerifySettings(threshold=args.threshold, float_tolerance=args.float_tolerance),
    )
