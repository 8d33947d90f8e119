"""Scans kept in `.afterburner/scan.msgpack`: the last one, valid for the same workload,
interpreter, Afterburner code and state of the workspace's Python and configuration files
(any edit there means a new scan), with the source hash each ranked function had, so that
the editor shows a function's share only while its source is as scanned."""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import asdict
from pathlib import Path

import msgpack

from afterburner.sandbox import capture_cache, launch
from afterburner.sandbox.lines import read_source
from afterburner.sandbox.scan import HotFunction, ScanResult, Workload, WorkloadRun
from afterburner.sandbox.scan import scan as run_scan
from afterburner.sandbox.worker import Sandbox

from .documents import index

_FORMAT = 1


def scan_key(root: Path, workload: Workload, python: str) -> str:
    parts = (os.path.realpath(python), launch.code_digest(), workload.describe(),
             capture_cache.workspace_digest(root))  # fmt: skip
    return "\0".join(parts)


def cached_or_new(
    sandbox: Sandbox, root: Path, workload: Workload, timeout_s: float, fresh: bool = False,
    cancel: threading.Event | None = None,
) -> tuple[ScanResult, bool]:  # fmt: skip
    """The scan of this workload on the workspace as it is now: kept, or run now."""
    key = scan_key(root, workload, sandbox.python)
    if not fresh:
        kept = _load(scan_file(root), key)
        if kept is not None:
            return kept[0], True
    result = run_scan(sandbox, root, workload, timeout_s, cancel)
    _save(scan_file(root), key, result, source_hashes(root, result.functions))
    return result, False


def latest(root: Path) -> tuple[ScanResult, dict[str, str]] | None:
    """The last scan kept, whatever the workspace's state, with the source hash each
    function had then: the editor shows a function's share only while that still holds."""
    return _load(scan_file(root), None)


def scan_file(root: Path) -> Path:
    return root / ".afterburner" / "scan.msgpack"


def source_hashes(root: Path, functions: list[HotFunction]) -> dict[str, str]:
    """{spec: the hash of the function's source as documents.index has it}."""
    out: dict[str, str] = {}
    by_file: dict[str, list[HotFunction]] = {}
    for fn in functions:
        by_file.setdefault(fn.file, []).append(fn)
    for file, fns in by_file.items():
        try:
            found = index(read_source(root / file))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            continue
        for fn in fns:
            span = found.named(fn.qualname)
            if span is not None:
                out[fn.spec] = span.source_hash
    return out


def _load(path: Path, key: str | None) -> tuple[ScanResult, dict[str, str]] | None:
    try:
        data = msgpack.unpackb(path.read_bytes(), raw=False)
        if data.get("format") != _FORMAT or (key is not None and data.get("key") != key):
            return None
        r = data["result"]
        result = ScanResult(
            r["root"], Workload(r["workload"]["kind"], tuple(r["workload"]["argv"])),
            WorkloadRun(**r["run"]), [HotFunction(**f) for f in r["functions"]],
            r["sampled_s"], r["samples"], r["calls_counted"], list(r["notes"]),
        )  # fmt: skip
        return result, dict(data.get("hashes") or {})
    except (OSError, ValueError, TypeError, KeyError, AttributeError, msgpack.UnpackException):
        return None  # absent, of another version or damaged: scanned anew


def _save(path: Path, key: str, result: ScanResult, hashes: dict[str, str]) -> None:
    if not result.run.ran:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        data = {"format": _FORMAT, "key": key, "result": asdict(result), "hashes": hashes}
        with os.fdopen(fd, "wb") as fh:
            fh.write(msgpack.packb(data))
        os.replace(tmp, path)
    except OSError:
        pass  # a scan that cannot be kept is still a scan
