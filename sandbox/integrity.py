"""Checks that a verdict measured what it claims: state kept between calls (child/state.py
sends where each side could keep it) and CPU spent outside the timed runs (pairing.py)."""

from __future__ import annotations

from typing import Any


def _places(frame: Any) -> dict[str, str]:
    if not isinstance(frame, dict):
        return {}
    return {str(k): str(v) for k, v in frame.items() if isinstance(v, str)}


def stores(orig_first: Any, orig_last: Any, cand_first: Any, cand_last: Any) -> list[str]:
    """Places that changed on the candidate's side after its first call, and not on the
    original's (or that the original does not have): where it keeps results."""
    of, ol, cf, cl = map(_places, (orig_first, orig_last, cand_first, cand_last))
    found = []
    for place, first in cf.items():
        if cl.get(place, first) == first:
            continue
        if place in of and of[place] != ol.get(place):
            continue  # the original keeps state there too: part of the behaviour
        found.append(place)
    return sorted(found)


def store_reason(found: list[str]) -> str:
    shown = ", ".join(f"`{p}`" for p in found[:3])
    return (
        f"keeps results between calls in module state {shown}: it changed on new inputs and "
        "the original's did not. Timing repeats the same inputs, so a store would be "
        "measured instead of the function; keep caches inside the call"
    )
