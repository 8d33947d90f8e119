"""What has been measured, keyed by (file, qualname, hash of the function's source), kept in
`.afterburner/cache.msgpack` in the workspace so it survives restarts.

An edit changes the hash, so stale figures and rewrites simply stop matching."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import msgpack

from .records import Measurement, Rewrite, from_plain, to_plain

if TYPE_CHECKING:
    from afterburner.model.loop import LoopResult

FORMAT = 2  # 1 kept results as dicts: such a cache is measured anew


@dataclass
class Record:
    file: str
    qualname: str
    source_hash: str
    measurement: Measurement | None = None
    rewrites: list[Rewrite] = field(default_factory=list)  # equivalent implementations
    measured_at: float = 0.0

    def best_rewrites(self, limit: int = 3) -> list[Rewrite]:
        faster = [r for r in self.rewrites if r.status == "faster" and r.speedup]
        return sorted(faster, key=lambda r: -r.speedup)[:limit]

    def to_plain(self) -> dict:
        return {
            "file": self.file,
            "qualname": self.qualname,
            "source_hash": self.source_hash,
            "measurement": to_plain(self.measurement) if self.measurement else None,
            "rewrites": [to_plain(r) for r in self.rewrites],
            "measured_at": self.measured_at,
        }

    @classmethod
    def from_plain(cls, data: dict) -> Record:
        m = data.get("measurement")
        return cls(
            data["file"],
            data["qualname"],
            data["source_hash"],
            from_plain(Measurement, m) if m else None,
            [from_plain(Rewrite, r) for r in data.get("rewrites", [])],
            float(data.get("measured_at", 0.0)),
        )


@dataclass(frozen=True)
class Past:
    """One earlier measurement of a function, under whatever source it had then."""

    source_hash: str
    median_s: float
    at: float


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / ".afterburner" / "cache.msgpack"
        self._lock = threading.Lock()
        self.records: dict[tuple[str, str, str], Record] = {}
        self.history: dict[tuple[str, str], list[Past]] = {}  # measurements per function
        self._load()

    def _load(self) -> None:
        try:
            data = msgpack.unpackb(self.path.read_bytes(), raw=False, strict_map_key=False)
        except (OSError, ValueError, msgpack.ExtraData, msgpack.FormatError):
            return
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return
        for item in data.get("records", []):
            try:
                rec = Record.from_plain(item)
            except (TypeError, KeyError, ValueError):
                continue  # a record this version cannot read is measured again
            self.records[(rec.file, rec.qualname, rec.source_hash)] = rec
        for item in data.get("history", []):
            try:
                entries = [Past(**e) for e in item["entries"]]
            except (TypeError, KeyError):
                continue
            self.history[(item["file"], item["qualname"])] = entries

    def save(self) -> None:
        with self._lock:
            data = {
                "format": FORMAT,
                "records": [r.to_plain() for r in self.records.values()],
                "history": [
                    {"file": f, "qualname": q, "entries": [vars(p) for p in e]}
                    for (f, q), e in self.history.items()
                ],
            }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(msgpack.packb(data, use_bin_type=True))
        os.replace(tmp, self.path)
        gitignore = self.path.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n")

    def get(self, file: str, qualname: str, source_hash: str) -> Record | None:
        return self.records.get((file, qualname, source_hash))

    def _record(self, file: str, qualname: str, source_hash: str) -> Record:
        key = (file, qualname, source_hash)
        if key not in self.records:
            self.records[key] = Record(file, qualname, source_hash)
        return self.records[key]

    def put_measurement(
        self, file: str, qualname: str, source_hash: str, measurement: Measurement
    ) -> Past | None:
        """Store a measurement; returns the previous measurement of this function under a
        different source, for regression checks."""
        with self._lock:
            rec = self._record(file, qualname, source_hash)
            rec.measurement, rec.measured_at = measurement, time.time()
            entries = self.history.setdefault((file, qualname), [])
            previous = next((e for e in reversed(entries) if e.source_hash != source_hash), None)
            entries.append(Past(source_hash, measurement.median_s, rec.measured_at))
            del entries[:-20]
        self.save()
        return previous

    def put_rewrites(
        self, file: str, qualname: str, source_hash: str, rewrites: list[Rewrite]
    ) -> None:
        with self._lock:
            rec = self._record(file, qualname, source_hash)
            known = {r.code for r in rec.rewrites}
            rec.rewrites.extend(r for r in rewrites if r.code not in known)
        self.save()

    def put_optimization(
        self, file: str, qualname: str, source_hash: str, first_line: int, loop: LoopResult
    ) -> None:
        """An optimization's equivalent rewrites, and its baseline where nothing was measured."""
        equivalent = [Rewrite.from_candidate(c, loop) for rnd in loop.rounds for c in rnd
                      if c.status in ("faster", "not faster")]  # fmt: skip
        self.put_rewrites(file, qualname, source_hash, equivalent)
        if loop.baseline and self.get(file, qualname, source_hash).measurement is None:
            baseline = Measurement.from_baseline(loop, first_line)
            self.put_measurement(file, qualname, source_hash, baseline)

    def measured(self) -> list[Record]:
        """The latest measured record of each function in the workspace."""
        latest: dict[tuple[str, str], Record] = {}
        for rec in self.records.values():
            if rec.measurement and (
                (rec.file, rec.qualname) not in latest
                or rec.measured_at > latest[(rec.file, rec.qualname)].measured_at
            ):
                latest[(rec.file, rec.qualname)] = rec
        return list(latest.values())

    def forget_file(self, file: str, keep_hashes: set[str] | None = None) -> int:
        """Drop records of a file whose functions no longer have these hashes."""
        with self._lock:
            drop = [
                k
                for k in self.records
                if k[0] == file and (keep_hashes is None or k[2] not in keep_hashes)
            ]
            for k in drop:
                del self.records[k]
        if drop:
            self.save()
        return len(drop)


def percentile_among(value: float, others: list[float]) -> float:
    """Share (0-100) of `others` that `value` beats (is strictly faster than)."""
    if not others:
        return 100.0
    return 100.0 * sum(1 for o in others if value < o) / len(others)


def workspace_rank(value: float, all_values: list[float]) -> float:
    """`value` is slower than this share (0-100) of the other profiled functions."""
    others = list(all_values)
    if value in others:
        others.remove(value)
    if not others:
        return 0.0
    return 100.0 * sum(1 for o in others if value > o) / len(others)
