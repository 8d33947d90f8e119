"""Memory of calls: tracemalloc's peak per call, and the process's RSS high-water mark."""

from __future__ import annotations

import re
import statistics
import sys
import tracemalloc
from typing import Any

from .calls import NullOutput, load_input, materialize


def _read_hwm() -> int | None:
    try:
        with open("/proc/self/status") as fh:
            match = re.search(r"VmHWM:\s+(\d+) kB", fh.read())
        return int(match.group(1)) * 1024 if match else None
    except OSError:
        return None


def _reset_hwm() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peaks(func: Any, blobs: list[bytes]) -> dict:
    """Peak traced bytes per call (max and median over inputs) and the RSS high-water mark."""
    saved_stdout = sys.stdout
    reset = _reset_hwm()
    per_call = []
    try:
        sys.stdout = NullOutput()
        for blob in blobs:
            args, kwargs = load_input(blob)
            tracemalloc.start()
            try:
                materialize(func(*args, **kwargs))
            except Exception:
                pass
            per_call.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
    finally:
        sys.stdout = saved_stdout
    return {
        "peak_bytes": max(per_call) if per_call else 0,
        "median_peak_bytes": int(statistics.median(per_call)) if per_call else 0,
        "rss_hwm_bytes": _read_hwm() if reset else None,
    }
