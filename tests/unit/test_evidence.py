"""How strong the evidence behind `equivalent` is, and that every place a verdict is shown
says so when it is weak: the CLI, the code action title, the hover; and the float tolerance
setting as editors send it."""

from __future__ import annotations

from dataclasses import replace

from afterburner.sandbox.verdict import Checked, VerifyResult
from afterburner.server.config import parse_settings
from afterburner.server.features.present import hover_markdown, rewrite_title
from afterburner.server.records import Measurement, Rewrite
from afterburner.server.report import verify_text
from afterburner.server.store import Record


def accepted(checked: Checked) -> VerifyResult:
    r = VerifyResult(target="m.py::f", equivalent=False, checked=checked, verdict="faster",
                     speedup=2.0, ci95=[1.8, 2.2], timing={"pairs": 25, "workers": 5})  # fmt: skip
    r.inputs = {"total": sum(checked.inputs.values()), "from_tests": checked.inputs.get("test", 0)}
    r.accept()
    return r


def test_few_inputs_and_no_fuzzing_is_weak_and_says_why():
    r = accepted(Checked(inputs={"test": 5}, fuzz_skipped="parameter 'x' has no captured value"))
    assert r.equivalent and r.evidence == "weak"
    assert r.evidence_note.startswith("verified on 5 test inputs only")
    assert "no captured value" in r.evidence_note


def test_many_inputs_or_real_fuzzing_is_strong():
    assert accepted(Checked(inputs={"test": 12})).evidence == "strong"
    fuzzed = Checked(inputs={"test": 3}, fuzz_examples=200, fuzz_edge_cases=9,
                     fuzz_strategy="type hints")  # fmt: skip
    r = accepted(fuzzed)
    assert r.evidence == "strong" and "200 fuzzed examples" in r.evidence_note


def test_weak_evidence_is_shown_in_the_cli_the_title_and_the_hover():
    r = accepted(Checked(inputs={"test": 5}, fuzz_skipped="disabled in the settings"))
    r.original, r.candidate = {"median_s": 2e-6}, {"median_s": 1e-6}
    r.isolation = {"jail": "own"}
    assert "WEAK evidence: verified on 5 test inputs only" in verify_text(r.to_json())
    rewrite = Rewrite(code="def f(): pass", status="faster", speedup=2.0, ci95=(1.8, 2.2),
                      median_s=1e-6, peak_bytes=None, inputs=5, baseline_peak_bytes=None,
                      evidence=r.evidence, evidence_note=r.evidence_note)  # fmt: skip
    assert "weak evidence: verified on 5 test inputs only" in rewrite_title("f", rewrite)
    rec = Record(file="m.py", qualname="f", source_hash="h")
    rec.measurement = Measurement(median_s=2e-6, p90_s=None, n=5, peak_bytes=None, first_line=0)
    rec.rewrites = [rewrite]
    assert "Weak evidence: verified on 5 test inputs only" in hover_markdown(
        "f", rec, None, None, "m.py::f"
    )
    strong = replace(rewrite, evidence="strong")
    assert "weak" not in rewrite_title("f", strong).lower()


def test_float_tolerance_as_editors_send_it():
    nested, errors = parse_settings({"equivalence": {"floatTolerance": 1e-12}})
    assert nested.float_tolerance == 1e-12 and not errors
    dotted, _ = parse_settings({"equivalence.floatTolerance": 1e-9})
    assert dotted.float_tolerance == 1e-9
    bad, errors = parse_settings({"equivalence": {"floatTolerance": 0.5}})
    assert bad.float_tolerance == 0.0 and "at most 0.01" in errors[0]
