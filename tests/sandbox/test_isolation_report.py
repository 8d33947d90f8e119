"""The isolation report is written by the parent and the jail before any user code runs:
it says which jail was used and, layer by layer, what held; with isolation off it says so."""

from __future__ import annotations

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.launch import namespace_flags
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from afterburner.sandbox.worker import Sandbox
from tests.conftest import write_workspace
from tests.sandbox.test_hostile import MODULE, TESTS

QUICK = VerifySettings(fuzz=False, run_tests=False, workers=1, budget_s=0.2)
SAME = MODULE


def _verify(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {"mod.py": MODULE, "test_mod.py": TESTS})
    target = parse_target("mod.py::total", ws)
    return verify(sandbox, target, SAME, inputs=collect_inputs(sandbox, target), settings=QUICK)


def test_the_default_report_names_every_layer(sandbox, tmp_path):
    r = _verify(sandbox, tmp_path)
    assert r.equivalent, r.reason
    iso = r.isolation
    if "--mount" in namespace_flags()[0]:
        assert iso["jail"] in ("bubblewrap", "own (child/jail.py)")
        assert iso["mounts"].startswith("locked")
        assert "new root" in iso["filesystem"] or "bubblewrap" in iso["filesystem"]
        assert "NOT" not in str(iso), iso
    assert iso["seccomp"].startswith("each side: denies")
    assert iso["verdict"].startswith("computed by the parent")


def test_isolation_off_is_said_plainly(tmp_path):
    r = _verify(Sandbox(isolate=False), tmp_path)
    assert r.equivalent, r.reason
    assert r.isolation["jail"].startswith("NONE")
    assert r.isolation["network"].startswith("NOT isolated")
