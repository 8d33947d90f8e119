"""What the editor keeps of a measurement: one typed record per result, built once from a
job's result (a profile, or an optimization's baseline and candidates). Hover, lens,
diagnostics and code actions read these by attribute; the store writes them as msgpack and
reads them back with `from_plain`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afterburner.model.loop import Candidate, LoopResult


@dataclass(frozen=True)
class HotLine:
    line: int  # 1-based, in the file as it was measured
    share: float  # of the function's time
    text: str = ""


@dataclass(frozen=True)
class Growth:
    exponent: float | None  # time ~ n^exponent, None when no fit
    label: str | None = None  # "linear", "quadratic", ...
    note: str | None = None  # why the estimate stopped early, if it did


@dataclass(frozen=True)
class Regression:
    factor: float  # how many times slower than the previous measurement
    previous_s: float
    now_s: float


@dataclass
class Measurement:
    median_s: float
    p90_s: float | None
    n: int  # inputs the figures come from
    peak_bytes: int | None
    first_line: int  # where the function started when measured (hot lines are absolute)
    hot_lines: list[HotLine] = field(default_factory=list)
    growth: Growth | None = None
    problems: list[str] = field(default_factory=list)  # why the user's tests did not run
    regression: Regression | None = None

    @classmethod
    def from_profile(cls, profile: dict, first_line: int) -> Measurement:
        """From `ProfileResult.to_json()`, as a profile job returns it."""
        pc, inputs = profile["per_call"], profile.get("inputs") or {}
        return cls(
            median_s=pc["median_s"],
            p90_s=pc.get("p90_s"),
            n=int(pc.get("n", inputs.get("total", 0))),
            peak_bytes=(profile.get("memory") or {}).get("peak_bytes"),
            first_line=first_line,
            hot_lines=[HotLine(h["line"], h["share"], h.get("text", ""))
                       for h in profile.get("hot_lines") or []],  # fmt: skip
            growth=_growth(profile.get("complexity")),
            problems=list(inputs.get("problems") or []),
        )

    @classmethod
    def from_baseline(cls, result: LoopResult, first_line: int) -> Measurement:
        """From an optimization's measurement of the original."""
        base = result.baseline
        return cls(
            median_s=base["median_s"],
            p90_s=base.get("p90_s"),
            n=int(result.inputs.get("total", 0)),
            peak_bytes=base.get("peak_bytes"),
            first_line=first_line,
            hot_lines=[HotLine(h["line"], h["share"], h.get("text", ""))
                       for h in base.get("hot_lines") or []],  # fmt: skip
            growth=_growth(base.get("complexity")),
            problems=list(result.inputs.get("problems") or []),
        )


def _growth(complexity: dict | None) -> Growth | None:
    if not complexity:
        return None
    return Growth(complexity.get("exponent"), complexity.get("label"), complexity.get("note"))


@dataclass(frozen=True)
class Rewrite:
    """An equivalent implementation the verifier measured against this source."""

    code: str
    status: str  # "faster" or "not faster"
    speedup: float | None
    ci95: tuple[float, float] | None
    median_s: float | None
    peak_bytes: int | None
    inputs: int  # inputs it was verified on
    baseline_peak_bytes: int | None
    note: str | None = None  # which rule or model wrote it
    evidence: str | None = None  # "strong" or "weak"
    evidence_note: str | None = None

    @classmethod
    def from_candidate(cls, c: Candidate, result: LoopResult) -> Rewrite:
        return cls(
            code=c.code or "",
            status=c.status,
            speedup=c.speedup,
            ci95=tuple(c.ci95) if c.ci95 else None,
            median_s=c.median_s,
            peak_bytes=c.peak_bytes,
            inputs=int(result.inputs.get("total", 0)),
            baseline_peak_bytes=result.baseline.get("peak_bytes"),
            note=c.note,
            evidence=c.evidence,
            evidence_note=c.evidence_note,
        )


def to_plain(record: Any) -> dict:
    return asdict(record)


def from_plain(cls: type, data: dict) -> Any:
    """The inverse of `to_plain` for these records (msgpack gives lists for tuples)."""
    kinds = {"hot_lines": HotLine, "growth": Growth, "regression": Regression}
    values = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "hot_lines":
            value = [HotLine(**h) for h in value]
        elif f.name in kinds and value is not None:
            value = kinds[f.name](**value)
        elif f.name == "ci95" and value is not None:
            value = tuple(value)
        values[f.name] = value
    return cls(**values)
