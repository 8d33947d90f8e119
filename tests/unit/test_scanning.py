"""What `scan --optimize` does with the loop's answers: the estimate of time saved, the check
run's verdict, and writing several rewrites of one file, CRLF kept, never over an edit."""

from __future__ import annotations

import pytest

from afterburner.sandbox.errors import UserError
from afterburner.sandbox.scan import HotFunction, WorkloadRun
from afterburner.server.scanning import Check, Optimized, write

SOURCE = "def a(x):\r\n    return x + 0\r\n\r\n\r\ndef b(y):\r\n    return y * 1\r\n"


def hot(qualname: str, total_share: float = 0.4) -> HotFunction:
    return HotFunction("m.py", qualname, 1, 0.1, 0.2, None, total_share / 2, total_share)


def accepted(before: str) -> list[Optimized]:
    return [
        Optimized(hot("a"), "faster", speedup=2.0, code="def a(x):\n    return x\n",
                  before=before),
        Optimized(hot("b"), "faster", speedup=4.0, code="def b(y):\n    return y\n",
                  before=before),
    ]  # fmt: skip


def test_the_share_saved_is_time_in_the_function_times_one_minus_one_over_the_speedup():
    a, b = accepted(SOURCE)
    assert a.saved_share == pytest.approx(0.4 * 0.5) and b.saved_share == pytest.approx(0.3)
    assert Optimized(hot("c"), "not faster", "none").saved_share == 0.0


def test_several_rewrites_of_one_file_are_written_together_with_its_line_endings(tmp_path):
    (tmp_path / "m.py").write_bytes(SOURCE.encode())
    assert write(tmp_path, accepted(SOURCE)) == ["m.py"]
    text = (tmp_path / "m.py").read_bytes().decode()
    assert "return x\r\n" in text and "return y\r\n" in text
    assert "\n" not in text.replace("\r\n", "")  # no bare LF
    namespace: dict = {}
    exec(compile(text, "m.py", "exec"), namespace)
    assert namespace["a"](3) == 3 and namespace["b"](3) == 3


def test_a_file_edited_meanwhile_is_not_written(tmp_path):
    edited = SOURCE.replace("x + 0", "x + 0  # mine")
    (tmp_path / "m.py").write_bytes(edited.encode())
    with pytest.raises(UserError, match="changed while scan --optimize ran"):
        write(tmp_path, accepted(SOURCE))
    assert (tmp_path / "m.py").read_bytes().decode() == edited
    mixed = accepted(SOURCE)
    mixed[1].before = edited  # read at two moments: the first rewrite would undo the edit
    with pytest.raises(UserError):
        write(tmp_path, mixed)
    assert (tmp_path / "m.py").read_bytes().decode() == edited


def run(*failed: str, wall: float = 1.0) -> WorkloadRun:
    tests = {"passed": 10 - len(failed), "failed": len(failed), "skipped": 0,
             "failed_ids": list(failed)}  # fmt: skip
    return WorkloadRun(1 if failed else 0, [], tests, wall, wall)


def test_the_check_run_says_when_the_rewrites_broke_tests():
    fine = Check([run("t::a", wall=2.0), run(wall=3.0)], [run(wall=1.0), run("t::a", wall=1.5)])
    assert fine.broke == [] and fine.before_s == 2.5 and fine.after_s == 1.25  # a flaky test
    swapped = Check([run("t::a")], [run("t::b")])  # as many failures, but another test
    assert swapped.broke == ["1 tests failed with them: t::b"]
    script = Check([WorkloadRun(0, [], None, 1.0, 1.0)], [WorkloadRun(3, [], None, 1.0, 1.0)])
    assert script.broke == ["the workload exited with [3] with them, [0] without"]
