"""The rules backend as a search: types its inputs showed count as evidence (and the rewrite
says so), what was tried is not proposed again, and a rule the verifier rejected stays out
of combinations."""

from __future__ import annotations

import textwrap
from pathlib import Path

from afterburner.model.backends.base import Prompt, Tried
from afterburner.model.backends.rules_backend import next_rewrites
from afterburner.model.rules import propose

KEEP_KNOWN = textwrap.dedent("""
    def keep_known(words, known):
        kept = []
        for word in words:
            if word in known:
                kept.append(word)
        return kept
""")

# a public case: a run-length encoder that two rules speed up, alone and together
RLE = (Path(__file__).resolve().parents[1] / "fixtures" / "cases" / "p02_rle_encode" / "mod.py"
       ).read_text()


def _prompt(code: str, tried: tuple[Tried, ...] = (), observed: dict | None = None) -> Prompt:
    return Prompt(messages=[], code=code, function_name="f", observed_types=observed or {},
                  tried=tried)  # fmt: skip


def test_observed_types_let_a_rule_fire_and_the_rewrite_says_it_assumes_them():
    assert "membership-set-hoist" not in {r.rule for r in propose(KEEP_KNOWN)}
    seen = {"words": "list[str]", "known": "list[str]"}
    found = {r.rule: r for r in propose(KEEP_KNOWN, seen)}
    assert "set(known)" in found["membership-set-hoist"].source
    assert "assumes the argument types its inputs showed: words: list[str]" in (
        found["membership-set-hoist"].description
    )


def test_observed_types_that_forbid_the_rewrite_keep_it_away():
    seen = {"words": "list[list]", "known": "list[list]"}  # unhashable: a set would raise
    assert "membership-set-hoist" not in {r.rule for r in propose(KEEP_KNOWN, seen)}


def test_a_rewrite_the_source_proves_does_not_claim_to_assume_anything():
    for rewrite in propose(RLE, {"text": "str"}):
        assert "assumes" not in rewrite.description


def test_what_was_tried_is_not_proposed_again():
    first = next_rewrites(_prompt(RLE))
    assert first[0].rule == "combined"
    again = next_rewrites(_prompt(RLE, (Tried(first[0].source, "not faster", "rule combined"),)))
    assert [r.rule for r in again] == [r.rule for r in first[1:]]


def test_a_rejected_rule_stays_out_of_the_combination():
    rules = {r.rule for r in propose(RLE)}
    assert {"str-concat-join", "len-hoist"} <= rules
    join = next(r for r in propose(RLE) if r.rule == "str-concat-join")
    rejected = Tried(join.source, "rejected", f"rule str-concat-join: {join.description}")
    after = next_rewrites(_prompt(RLE, (rejected,)))
    assert "str-concat-join" not in {r.rule for r in after}  # tried already
    assert all("join" not in r.source for r in after)  # nor inside a combination
