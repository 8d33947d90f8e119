"""The verifier's stages after the static checks, over two kinds of worker that never meet:
the original's (the user's code only) and the candidate's (untrusted). Every comparison and
every time in the verdict is made here, in the parent, from what the workers sent as data
and what the kernel says they used.

Order, cheapest first, stopping at the first rejection: every input -> the workspace tests
with the candidate patched in -> differential fuzzing -> timing over several pairs of
processes -> memory.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from typing import Any

from . import integrity, stats
from .channel import Channel, WorkerFailed
from .equality import Comparer
from .fuzzing import fuzz_stage
from .inputs import InputSet, worker_paths, worker_payload
from .launch import Limits
from .outcome import MalformedFrame, Outcome, outcome_difference
from .pairing import PairTiming, time_pair
from .target import Target
from .verdict import Progress, VerifyResult, VerifySettings, reject
from .worker import Sandbox

_SESSION = Limits(wall_s=3600.0)  # each operation has its own wall limit; this bounds CPU


def _failure(what: str, exc: Exception) -> str:
    return f"the candidate broke its worker while {what}: {exc}"


def timing_inputs(scope: list[int], times: list[float], pass_s: float) -> list[int]:
    """In-scope inputs to time, in their original order: all of them when one pass fits in
    pass_s; otherwise the heaviest input (it dominates the workload, and the budget grows to
    fit it) plus as many of the next heaviest as still fit."""
    if sum(times[i] for i in scope) <= pass_s:
        return scope
    ranked = sorted(scope, key=lambda i: -times[i])
    chosen, used = [ranked[0]], times[ranked[0]]
    for i in ranked[1:]:
        if used + times[i] <= pass_s:
            chosen.append(i)
            used += times[i]
    return sorted(chosen)


def worker_budget(settings: VerifySettings, pass_orig: float) -> float:
    """Seconds of pairs per worker: the default share, or enough for min_pairs pairs (the
    candidate's pass is assumed as long as the original's: its own figures are not used)."""
    per_pair = 2 * max(0.004, pass_orig)
    share = settings.budget_s / settings.workers
    return min(
        max(share, settings.min_pairs * per_pair * 1.2), settings.max_budget_s / settings.workers
    )


def source_of(inputs: InputSet, index: int) -> str:
    bounds = [
        ("test", inputs.from_tests),
        ("doctest", inputs.from_doctest),
        ("explicit", inputs.from_explicit),
        ("generated", inputs.generated),
    ]
    for name, count in bounds:
        if index < count:
            return name
        index -= count
    return "captured"


class Run:
    """One verification: its workers, opened as needed and closed together."""

    def __init__(
        self,
        sandbox: Sandbox,
        target: Target,
        candidate: str,
        inputs: InputSet,
        settings: VerifySettings,
        cancel: threading.Event | None,
        note: Progress,
        result: VerifyResult,
    ) -> None:
        self.sandbox, self.target, self.inputs = sandbox, target, inputs
        self.settings, self.cancel, self.note, self.result = settings, cancel, note, result
        self.paths = worker_paths(target)
        self.base = worker_payload(target, candidate, inputs)
        self.stack = ExitStack()
        self.orig: Channel | None = None  # the original's worker now open: it judges __eq__
        self.comparer = Comparer(settings.float_tolerance, self._user_equal)
        self.originals: list[Outcome] = []
        self.first_state: dict[str, Any] = {}  # each side's places after its first call
        self.mutates = False
        self.shown: list[str] = []
        self.candidates: dict[int, Outcome] = {}  # the candidate's untimed outcomes

    def close(self) -> None:
        self.stack.close()

    def _open(self) -> tuple[Channel, Channel]:
        """A pair of twins with the original loaded; the candidate's side is loaded by
        `_load_candidate`, after the original has answered whatever it must first."""
        orig, cand, report = self.stack.enter_context(
            self.sandbox.twins(self.base, _SESSION, self.cancel, keep=self.paths["keep"])
        )
        self.result.isolation = report
        self.orig = orig
        loaded = orig.ask({"op": "load", "role": "original", "inputs": self.inputs.blobs}, 300.0)
        note = loaded.get("note") if isinstance(loaded, dict) else None
        if isinstance(note, str):  # the original's side says it; the candidate's would not
            self.result.isolation["twins"] = note
        return orig, cand

    def _user_equal(self, a: list, b: list) -> bool | None:
        """The original's worker rebuilds both values and applies the class's `__eq__`."""
        orig = self.orig
        if orig is None:
            return None
        paused = orig.paused
        try:
            if paused:
                orig.resume()
            answer = orig.ask({"op": "equal", "a": a, "b": b}, 30.0)
            if paused:
                orig.pause()
        except WorkerFailed:
            return None
        return answer if isinstance(answer, bool) else None

    def _load_candidate(self, orig: Channel, cand: Channel) -> None:
        orig.pause()  # from now on only one side runs at a time
        cand.ask({"op": "load", "role": "candidate", "inputs": self.inputs.blobs}, 300.0)
        cand.pause()

    def stages(self) -> VerifyResult:
        r, s = self.result, self.settings
        self.note("equivalence", 0.15)
        try:
            orig, cand = self._open()
            checked = orig.ask(
                {
                    "op": "outcomes",
                    "indices": list(range(self.inputs.total)),
                    "timeouts": [30.0] * self.inputs.total,
                },
                60.0 + 31 * self.inputs.total,
            )
            self.originals = [Outcome.from_frame(f) for f in checked["outcomes"]]
            self.mutates = any(bool(m) for m in checked["mutated"])
            self.shown = [str(x)[:300] for x in checked["shown"]]
            self.first_state["original"] = checked.get("state_first")
        except (WorkerFailed, MalformedFrame, KeyError, TypeError) as exc:
            return reject(r, "inputs", f"the original failed on its inputs: {exc}")
        scope = [i for i, o in enumerate(self.originals) if not o.out_of_scope]
        if not scope:
            return reject(
                r, "inputs", "the original itself times out or hits the recursion limit on every "
                "input"
            )  # fmt: skip
        r.inputs["out_of_scope"] = len(self.originals) - len(scope)
        try:
            self._load_candidate(orig, cand)
        except WorkerFailed as exc:
            return reject(r, "load", f"the candidate failed to load: {_strip(exc)}")
        by_tests = s.equivalence == "tests"
        rejected = self._equivalence(cand, scope, compare=not by_tests)
        if rejected:
            return rejected
        tests = self._all_tests() if by_tests else self.inputs.passing_tests
        if by_tests and not tests:
            return reject(r, "tests", "no workspace test to decide equivalence with; the "
                          "problem's tests did not run (see the inputs' problems)")  # fmt: skip
        if (s.run_tests or by_tests) and tests:
            self.note("tests", 0.3)
            rejected = self._tests(tests)
            if rejected:
                return rejected
        if by_tests:  # fuzzing compares with the original, which need not be right
            r.checked.fuzz_skipped = "the problem's tests decide equivalence"
        elif s.fuzz:
            self.note("fuzz", 0.45)
            rejected = self._fuzz(orig, cand)
            if rejected:
                return rejected
        else:
            r.checked.fuzz_skipped = "disabled in the settings"
        rejected = self._kept_state(orig, cand)
        if rejected:
            return rejected
        r.accept()
        memory = self._memory(orig, cand)
        self.close()
        self.stack = ExitStack()
        result = self._timing(scope)
        if result.equivalent:
            result.original.update(memory.get("original", {}))
            result.candidate.update(memory.get("candidate", {}))
            result.candidate["memory_source"] = (
                "reported by the candidate's worker (not part of the verdict)"
            )
        return result

    def _kept_state(self, orig: Channel, cand: Channel) -> VerifyResult | None:
        """After every input and every fuzzed example: did the candidate's module state
        move where the original's did not?"""
        last = {}
        for side, worker in (("original", orig), ("candidate", cand)):
            try:
                worker.resume()
                last[side] = worker.ask({"op": "state"}, 60.0)
                worker.pause()
            except WorkerFailed as exc:
                return reject(self.result, "state", _failure("reporting its state", exc))
        found = integrity.stores(
            self.first_state.get("original"), last["original"],
            self.first_state.get("candidate"), last["candidate"],
        )  # fmt: skip
        return reject(self.result, "state", integrity.store_reason(found)) if found else None

    def _memory(self, orig: Channel, cand: Channel) -> dict:
        found: dict[str, dict] = {}
        for side, worker in (("original", orig), ("candidate", cand)):
            try:
                worker.resume()
                wall = 120.0 + 10 * sum(o.elapsed for o in self.originals)
                mem = worker.ask({"op": "memory"}, wall)
                worker.pause()
            except WorkerFailed:
                continue
            if isinstance(mem, dict):
                found[side] = {k: v for k, v in mem.items() if isinstance(v, int | None)}
        return found

    def _all_tests(self) -> list[str]:
        return [*self.inputs.passing_tests, *self.inputs.failing_tests]

    def _equivalence(
        self, cand: Channel, scope: list[int], compare: bool = True
    ) -> VerifyResult | None:
        """The candidate on every input; compared with the original unless the tests decide
        (then its outcomes are kept: the timed calls must reproduce them)."""
        limits = [max(1.0, 20 * self.originals[i].elapsed + 0.05) for i in scope]
        try:
            cand.resume()
            reply = cand.ask(
                {"op": "outcomes", "indices": scope, "timeouts": limits}, 60.0 + 2 * sum(limits)
            )
            cand.pause()
            outcomes = [Outcome.from_frame(f) for f in _field(reply, "outcomes", list)]
            self.first_state["candidate"] = reply.get("state_first")
            if len(outcomes) != len(scope):
                raise MalformedFrame("a different number of outcomes came back")
        except (WorkerFailed, MalformedFrame, KeyError, TypeError) as exc:
            return reject(self.result, "inputs", _failure("running the inputs", exc))
        self.candidates = dict(zip(scope, outcomes, strict=True))
        if not compare:
            return None
        for i, limit, outcome in zip(scope, limits, outcomes, strict=True):
            diff = outcome_difference(self.originals[i], outcome, limit, self.comparer)
            if diff:
                return reject(
                    self.result,
                    "inputs",
                    f"differs on a {source_of(self.inputs, i)} input: {diff}",
                    self.shown[i] if i < len(self.shown) else None,
                )
        return None

    def _tests(self, tests: list[str]) -> VerifyResult | None:
        # The candidate is patched into the user's pytest run in a worker of its own. In the
        # default mode what that worker reports can only reject: acceptance rests on the
        # comparisons made here. Where the tests decide (equivalence "tests"), its report is
        # believed, and a candidate that tampers with pytest's reporting in its own process
        # could forge a pass: the README's threat model says so.
        wall = 60.0 + 10 * sum(o.elapsed for o in self.originals) + 5 * len(tests)
        ran = self.sandbox.run(
            "tests", {**self.base, "tests": tests}, Limits(wall_s=wall), self.cancel,
            keep=self.paths["keep"],
        )  # fmt: skip
        r = self.result
        if not ran.ok:
            return reject(r, "tests", f"the candidate broke its worker while running the tests: "
                          f"{ran.failure}")  # fmt: skip
        failed = ran.result.get("failed") if isinstance(ran.result, dict) else None
        if not isinstance(failed, dict):
            return reject(r, "tests", "the candidate's test run sent a malformed answer")
        r.checked.tests_run = len(tests)
        if ran.result.get("error"):
            return reject(r, "tests", f"the candidate could not be patched in: "
                          f"{str(ran.result['error'])[:500]}")  # fmt: skip
        if failed:
            test, message = next(iter(failed.items()))
            return reject(
                r, "tests", f"workspace test {test} fails with the candidate: {str(message)[:500]}"
            )
        return None

    def _fuzz(self, orig: Channel, cand: Channel) -> VerifyResult | None:
        return fuzz_stage(orig, cand, self.settings, self.originals, self.comparer, self.result)

    def _timing(self, scope: list[int]) -> VerifyResult:
        s, r = self.settings, self.result
        times = [o.elapsed for o in self.originals]
        picked = timing_inputs(scope, times, s.budget_s / (s.workers * s.min_pairs * 2))
        budget = worker_budget(s, sum(times[i] for i in picked))
        runs: list[PairTiming] = []
        for w in range(s.workers):
            self.note("timing", 0.55 + 0.35 * w / s.workers)
            try:
                # Fresh twins for every pair: the check's pair has a heap of its own by now
                # (Hypothesis), and the process is the unit of the interval.
                with _swap(self):
                    orig_w, cand_w = self._open()
                    self._load_candidate(orig_w, cand_w)
                    runs.append(self._pair(orig_w, cand_w, picked, budget, w))
            except (WorkerFailed, MalformedFrame) as exc:
                r.equivalent = False
                return reject(r, "timing", _failure("timing", exc))
            verdict = runs[-1].mismatch or runs[-1].deferred
            if verdict:
                r.equivalent = False
                return reject(r, "timing", verdict)
        decision = stats.decide([run.pairs for run in runs], s.threshold)
        per_input = runs[0].per_input
        r.verdict = decision.verdict
        r.speedup = round(decision.speedup, 4)
        r.ci95 = [round(decision.ci95[0], 4), round(decision.ci95[1], 4)]
        r.timing = {
            "pairs": decision.pairs,
            "workers": len(runs),
            "inputs_timed": len(picked),
            "per_worker": [round(w, 4) for w in decision.per_worker],
            "budget_s_per_worker": round(budget, 3),
            "threshold": s.threshold,
            "clock": "CPU time of each side's process tree (kernel process CPU clocks)",
            "timed_calls_checked": sum(run.sampled for run in runs),
        }
        r.original = {"median_s": stats.percentile([a for a, _ in per_input], 50),
                      "workload_s": decision.original_s}  # fmt: skip
        r.candidate = {"median_s": stats.percentile([b for _, b in per_input], 50),
                       "workload_s": decision.candidate_s}  # fmt: skip
        self.note("done", 1.0)
        return r

    def _pair(self, orig: Channel, cand: Channel, picked: list[int], budget: float, w: int):
        return time_pair(
            orig,
            cand,
            picked,
            mutates=self.mutates,
            budget_s=budget,
            seed=self.settings.seed + w,
            min_pairs=self.settings.min_pairs,
            per_input=w == 0,
            comparer=self.comparer,
            # Where the tests decide, a timed call must do what the candidate did untimed.
            reference=self.candidates.get if self.settings.equivalence == "tests" else None,
        )


class _swap:
    """Workers opened inside this context are closed when it ends (pairs after the first)."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def __enter__(self) -> None:
        self.saved = self.run.stack
        self.run.stack = ExitStack()

    def __exit__(self, *exc: object) -> None:
        self.run.stack.close()
        self.run.stack = self.saved


def _field(reply: Any, key: str, kind: type) -> Any:
    if not isinstance(reply, dict) or not isinstance(reply.get(key), kind):
        raise MalformedFrame(f"a malformed answer (no {key!r} {kind.__name__})")
    return reply[key]


def _strip(exc: Exception) -> str:
    text = str(exc)
    return text[len("error: ") :] if text.startswith("error: ") else text
