"""One call's outcome as the parent holds it (parsed from a worker's frame, shape checked),
and how two outcomes differ."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .equality import Comparer, show


class MalformedFrame(ValueError):
    """A worker's frame that does not have the shape its operation answers with."""


def _typed(frame: dict, key: str, kinds: tuple[type, ...], optional: bool = False) -> Any:
    value = frame.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kinds) or isinstance(value, bool) and bool not in kinds:
        raise MalformedFrame(f"field {key!r} is {type(value).__name__}")
    return value


@dataclass(frozen=True)
class Outcome:
    value: Any
    exc_type: str | None
    exc_text: str | None
    stdout: str
    stdout_size: int
    args: list
    kwargs: Any
    elapsed: float
    timed_out: bool
    too_large: str | None

    @classmethod
    def from_frame(cls, frame: Any) -> Outcome:
        if not isinstance(frame, dict):
            raise MalformedFrame("an outcome must be a map")
        return cls(
            value=frame.get("value"),
            exc_type=_typed(frame, "exc_type", (str,), optional=True),
            exc_text=_typed(frame, "exc_text", (str,), optional=True),
            stdout=_typed(frame, "stdout", (str,)),
            stdout_size=_typed(frame, "stdout_size", (int,)),
            args=_typed(frame, "args", (list,)),
            kwargs=frame.get("kwargs"),
            elapsed=float(_typed(frame, "elapsed", (int, float))),
            timed_out=_typed(frame, "timed_out", (bool,)),
            too_large=_typed(frame, "too_large", (str,), optional=True),
        )

    @property
    def out_of_scope(self) -> bool:
        """The original's own limits: a timeout, the recursion limit, an output too large."""
        return self.timed_out or self.exc_type == "RecursionError" or bool(self.too_large)


def _raised(outcome: Outcome) -> str:
    text, name = outcome.exc_text or "", outcome.exc_type or "an exception"
    if not text or text.startswith(name):
        return text or name
    return f"{name}: {text}"


def outcome_difference(
    orig: Outcome, cand: Outcome, limit_s: float | None = None, comparer: Comparer | None = None
) -> str | None:
    """How the candidate's observable behaviour differs from the original's, or None."""
    difference = (comparer or Comparer()).difference
    if cand.timed_out:
        shown = f" ({limit_s:.3g} s)" if limit_s else ""
        return (
            f"the candidate did not finish within its time limit{shown}; "
            f"the original took {orig.elapsed:.3g} s"
        )
    if cand.too_large:
        return f"the candidate's result is too large to compare: {cand.too_large}"
    if orig.exc_type != cand.exc_type:
        if orig.exc_type is None:
            return (
                f"the candidate raised {_raised(cand)} where the original returned "
                f"{show(orig.value)}"
            )
        if cand.exc_type is None:
            return (
                f"the original raised {orig.exc_type} but the candidate returned {show(cand.value)}"
            )
        return f"the original raised {orig.exc_type} but the candidate raised {cand.exc_type}"
    if orig.exc_type is None:
        diff = difference(orig.value, cand.value, "return value")
        if diff:
            return diff
    if len(orig.args) != len(cand.args):
        return "mutation differs: a different number of arguments came back"
    for i, (a, b) in enumerate(zip(orig.args, cand.args, strict=True)):
        diff = difference(a, b, f"argument {i} after the call")
        if diff:
            return f"mutation differs: {diff}"
    diff = difference(orig.kwargs, cand.kwargs, "keyword arguments after the call")
    if diff:
        return f"mutation differs: {diff}"
    if orig.stdout != cand.stdout or orig.stdout_size != cand.stdout_size:
        return f"printed output differs: {orig.stdout[:80]!r} vs {cand.stdout[:80]!r}"
    return None
