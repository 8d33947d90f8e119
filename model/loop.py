"""The Afterburner loop: a backend proposes k rewrites, the sandbox verifies and times each
against the original, the best verified one is kept, and the next prompt carries its code,
its numbers and what went wrong with the others. Stops on rounds, time, or no progress."""

from __future__ import annotations

import ast
import difflib
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace

from afterburner.sandbox import syntax
from afterburner.sandbox.inputs import InputSet, collect_inputs
from afterburner.sandbox.profile import ProfileResult, profile
from afterburner.sandbox.target import Target, describe_signature, find_function, load_function
from afterburner.sandbox.verify import VerifyResult, VerifySettings, verify

from .backends.base import Backend, GenerationSettings, Tried
from .parse import parse_completion
from .prompt import FunctionContext, Measured, build_prompt

Progress = Callable[[str, float], None]


RAW_LIMIT = 20_000  # characters of a reply kept with its candidate


def round_seed(base: int, rnd: int) -> int:
    """The sampling seed of round `rnd` (from 1); completions within it add their index."""
    return base + 1000 * (rnd - 1)


@dataclass(frozen=True)
class LoopSettings:
    rounds: int = 10  # the paper iterates up to 10 times
    k: int = 4
    temperature: float = 0.7
    max_tokens: int = 2048
    timeout_s: float = 120.0  # one request to the model
    seed: int = 0  # round r samples with seed + 1000 (r - 1): rounds differ, runs repeat
    time_budget_s: float = 900.0
    patience: int = 3  # rounds without a better rewrite before stopping
    verify: VerifySettings = field(default_factory=VerifySettings)


@dataclass
class Candidate:
    round: int
    index: int
    status: str  # "faster", "not faster", "rejected", "duplicate", "unparseable"
    reason: str | None = None
    code: str | None = None
    speedup: float | None = None
    ci95: list[float] | None = None
    verdict: str | None = None
    stage: str | None = None
    counterexample: str | None = None
    median_s: float | None = None
    peak_bytes: int | None = None
    well_formatted: bool = False
    note: str | None = None  # e.g. which rule produced it
    evidence: str | None = None  # "strong" or "weak" (see VerifyResult)
    evidence_note: str | None = None
    raw: str | None = None  # what the backend wrote, as it wrote it (cut at RAW_LIMIT)

    def feedback(self) -> str:
        label = f"attempt {self.round}.{self.index}"
        if self.status == "faster":
            lo, hi = self.ci95 or (0, 0)
            weak = f"; weak evidence: {self.evidence_note}" if self.evidence == "weak" else ""
            return f"{label}: verified {self.speedup:.2f}x faster (95% CI {lo:.2f}-{hi:.2f}x){weak}"
        if self.status == "not faster":
            return f"{label}: equivalent but {self.speedup:.2f}x, {self.verdict}"
        cx = f" Counterexample: {self.counterexample}" if self.counterexample else ""
        return f"{label}: {self.status}: {self.reason}.{cx}"


@dataclass
class LoopResult:
    target: str
    backend: str
    original_code: str
    baseline: dict
    rounds: list[list[Candidate]] = field(default_factory=list)
    best: Candidate | None = None
    stopped: str = ""
    wall_s: float = 0.0
    inputs: dict = field(default_factory=dict)

    def diff(self, path: str = "") -> str:
        if self.best is None or self.best.code is None:
            return ""
        return "".join(
            difflib.unified_diff(
                self.original_code.splitlines(keepends=True),
                self.best.code.splitlines(keepends=True),
                f"a/{path}",
                f"b/{path}",
            )
        )

    def to_json(self) -> dict:
        data = asdict(self)
        data["diff"] = self.diff(self.target.split("::")[0])
        return data


def test_sources(target: Target, nodeids: list[str], limit: int = 3) -> list[str]:
    """Source text of the tests that call the target (read statically, never run here)."""
    out = []
    for nodeid in nodeids[:limit]:
        path, _, name = nodeid.partition("::")
        name = name.split("[")[0]
        try:
            source = (target.root / path).read_text(encoding="utf-8")
            node = find_function(syntax.parse(source), name.replace("::", "."))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        if node is not None:
            out.append(ast.get_source_segment(source, node) or "")
    return [s for s in out if s]


def _measured(p: ProfileResult) -> Measured:
    growth = None
    cx = p.complexity or {}
    if cx.get("exponent") is not None:
        growth = f"time grows like n^{cx['exponent']} ({cx['label']})"
    return Measured(
        passed=f"{p.inputs.get('total', 0)}/{p.inputs.get('total', 0)} inputs",
        median_s=p.per_call["median_s"],
        peak_bytes=p.memory.get("peak_bytes"),
        hot_lines=[(h["share"], h["text"]) for h in p.hot_lines],
        growth=growth,
    )


def _from_verify(c: Candidate, r: VerifyResult) -> Candidate:
    c.stage, c.counterexample = r.stage, r.counterexample
    if not r.equivalent:
        c.status, c.reason = "rejected", r.reason
        return c
    c.speedup, c.ci95, c.verdict = r.speedup, r.ci95, r.verdict
    c.evidence, c.evidence_note = r.evidence, r.evidence_note
    c.median_s, c.peak_bytes = r.candidate.get("median_s"), r.candidate.get("peak_bytes")
    c.status = "faster" if r.verdict == "faster" else "not faster"
    return c


def _better(a: Candidate, b: Candidate | None) -> bool:
    if b is None:
        return True
    if abs((a.speedup or 0) - (b.speedup or 0)) > 0.02 * (b.speedup or 1):
        return (a.speedup or 0) > (b.speedup or 0)
    return (a.peak_bytes or 0) < (b.peak_bytes or 0)


def _within(note: Progress, label: str, low: float, width: float) -> Progress:
    """Progress of one candidate's verification: its stages move the bar within its share."""

    def report(stage: str, fraction: float) -> None:
        note(f"{label}: {stage}", low + width * min(max(fraction, 0.0), 1.0))

    return report


def optimize(
    sandbox,
    target: Target,
    backend: Backend,
    settings: LoopSettings | None = None,
    inputs: InputSet | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    on_candidate: Callable[[Candidate], None] | None = None,
) -> LoopResult:
    settings = settings or LoopSettings()
    note = progress or (lambda stage, fraction: None)
    started = time.monotonic()
    info = load_function(target)
    note("inputs", 0.0)
    if inputs is None:
        inputs = collect_inputs(sandbox, target, cancel=cancel)
    note("profile", 0.02)
    base = profile(sandbox, target, inputs=inputs, budget_s=1.0, cancel=cancel)
    result = LoopResult(
        target=target.spec,
        backend=backend.name,
        original_code=info.source,
        baseline={
            "median_s": base.per_call["median_s"],
            "p90_s": base.per_call["p90_s"],
            "peak_bytes": base.memory.get("peak_bytes"),
            "complexity": base.complexity,
            "hot_lines": base.hot_lines[:5],
        },
        inputs=inputs.summary(),
    )
    context = FunctionContext(
        name=target.name,
        signature=f"def {target.name}{describe_signature(info.signature)}",
        docstring=info.docstring,
        tests=test_sources(target, inputs.passing_tests),
        observed_types=base.observed_types,
    )
    current_code, measured = info.source, _measured(base)
    seen = {syntax.fingerprint(info.source)}
    feedback: list[str] = []
    gen = GenerationSettings(
        k=settings.k,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        timeout_s=settings.timeout_s,
    )
    stale = 0
    result.stopped = f"ran all {settings.rounds} rounds"
    for rnd in range(1, settings.rounds + 1):
        if cancel is not None and cancel.is_set():
            result.stopped = "cancelled"
            break
        if time.monotonic() - started > settings.time_budget_s:
            result.stopped = f"time budget of {settings.time_budget_s:g} s used"
            break
        base_fraction = 0.05 + 0.95 * (rnd - 1) / settings.rounds
        note(f"round {rnd}: asking {backend.name}", base_fraction)
        tried = tuple(Tried(c.code, c.status, c.note or "")
                      for past in result.rounds for c in past if c.code)  # fmt: skip
        prompt = build_prompt(context, current_code, measured, feedback[-12:], tried)
        # A seed of its own per round (backends derive one per completion from it): with one
        # seed for every round, round 2 sampled exactly round 1's completions again.
        seeded = replace(gen, seed=round_seed(settings.seed, rnd))
        completions = backend.generate([prompt], seeded)[0]
        if not completions:
            result.stopped = f"{backend.name} proposed nothing more to try"
            break
        candidates: list[Candidate] = []
        improved = False
        for i, text in enumerate(completions[: settings.k], start=1):
            if cancel is not None and cancel.is_set():
                break
            share = 0.95 / settings.rounds / len(completions)
            stage = _within(note, f"round {rnd}: verifying {i}/{len(completions)}",
                            base_fraction + share * (i - 1), share)  # fmt: skip
            stage("static checks", 0.0)
            parsed = parse_completion(text, target.name)
            cand = Candidate(
                round=rnd,
                index=i,
                status="unparseable",
                reason=parsed.reason,
                well_formatted=parsed.well_formatted,
                note=_thinking(text),
                raw=(text or "")[:RAW_LIMIT],
            )
            if parsed.code is not None:
                key = syntax.fingerprint(parsed.code)
                cand.code = parsed.code
                if key in seen:
                    cand.status, cand.reason = "duplicate", "same code as an earlier attempt"
                else:
                    seen.add(key)
                    r = verify(
                        sandbox,
                        target,
                        parsed.code,
                        inputs=inputs,
                        settings=settings.verify,
                        cancel=cancel,
                        progress=stage,
                    )
                    _from_verify(cand, r)
            candidates.append(cand)
            if on_candidate:
                on_candidate(cand)
            if cand.status == "faster" and _better(cand, result.best):
                result.best, improved = cand, True
        result.rounds.append(candidates)
        feedback.extend(c.feedback() for c in candidates)
        if improved:
            stale = 0
            current_code = result.best.code
            measured = Measured(
                passed=f"{inputs.total}/{inputs.total} inputs",
                median_s=result.best.median_s,
                peak_bytes=result.best.peak_bytes,
            )
        else:
            stale += 1
            if stale >= settings.patience:
                result.stopped = f"no better rewrite in {stale} rounds"
                break
    result.wall_s = round(time.monotonic() - started, 2)
    note("done", 1.0)
    return result


def _thinking(text: str | None) -> str | None:
    if not text:
        return None
    start, end = text.find("<thinking>"), text.find("</thinking>")
    if start == -1 or end == -1:
        return None
    return text[start + len("<thinking>") : end].strip()[:300] or None
