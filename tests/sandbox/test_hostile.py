"""Hostile candidates: each gets a verdict, the caller survives, nothing outside the worker's
temporary directory changes, and no process outlives the worker."""

from __future__ import annotations

import hashlib
import os
import socket
import textwrap
import time

import psutil
import pytest

from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.launch import namespace_flags, pids_hierarchy
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace

MODULE = '''
def total(xs: list[int]) -> int:
    """Sum of xs."""
    t = 0
    for x in xs:
        t += x
    return t
'''
TESTS = """
from mod import total

def test_total():
    assert total([1, 2, 3]) == 6
    assert total(list(range(100))) == 4950
"""
QUICK = VerifySettings(fuzz=False, budget_s=0.3)


def candidate(body: str) -> str:
    return "def total(xs: list[int]) -> int:\n" + textwrap.indent(textwrap.dedent(body), "    ")


def snapshot(*dirs) -> dict:
    out = {}
    for d in dirs:
        for path in sorted(d.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, sandbox):
    ws = write_workspace(
        tmp_path_factory.mktemp("hostile"), {"mod.py": MODULE, "test_mod.py": TESTS}
    )
    target = parse_target("mod.py::total", ws)
    return ws, target, collect_inputs(sandbox, target)


def run_hostile(sandbox, workspace, body: str, settings=QUICK):
    ws, target, inputs = workspace
    before = snapshot(ws)
    result = verify(sandbox, target, candidate(body), inputs=inputs, settings=settings)
    assert snapshot(ws) == before, "a file in the workspace changed"
    return result


def _children_settle(baseline: int) -> bool:
    for _ in range(50):
        if len(psutil.Process().children(recursive=True)) <= baseline:
            return True
        time.sleep(0.1)
    return False


def test_infinite_loop(sandbox, workspace):
    r = run_hostile(sandbox, workspace, "while True:\n    pass\n")
    assert not r.equivalent and "time limit" in r.reason


@pytest.mark.skipif(
    not pids_hierarchy() and os.getuid() == 0, reason="no process limit binds root here"
)
def test_fork_bomb(sandbox, workspace):
    baseline = len(psutil.Process().children(recursive=True))
    r = run_hostile(
        sandbox,
        workspace,
        """
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
    """,
    )
    assert not r.equivalent
    assert _children_settle(baseline), "processes outlived the worker"


def test_memory_bomb(sandbox, workspace):
    r = run_hostile(sandbox, workspace, "blocks = [bytearray(1 << 34)]\nreturn sum(xs)\n")
    assert not r.equivalent
    assert "MemoryError" in r.reason or "memory" in r.reason, r.reason


def test_kills_its_parent(sandbox, workspace):
    r = run_hostile(
        sandbox,
        workspace,
        """
        import os, signal
        os.kill(os.getppid(), signal.SIGKILL)
        os.killpg(0, signal.SIGKILL)
        return sum(xs)
    """,
    )
    # the signals reach only the candidate's own jail: it dies, we do not
    assert not r.equivalent and "SIGKILL" in r.reason, r.reason
    assert psutil.Process().is_running()


def test_os_exit(sandbox, workspace):
    r = run_hostile(sandbox, workspace, "import os\nos._exit(0)\n")
    assert not r.equivalent and "status 0" in r.reason


def test_segfault(sandbox, workspace):
    r = run_hostile(sandbox, workspace, "import ctypes\nreturn ctypes.string_at(0)\n")
    assert not r.equivalent and "SIGSEGV" in r.reason


def test_stdout_flood(sandbox, workspace):
    r = run_hostile(
        sandbox,
        workspace,
        """
        import os, sys
        chunk = "x" * (1 << 20)
        for _ in range(100):
            sys.stdout.write(chunk)
            os.write(1, chunk.encode())
            os.write(2, chunk.encode())
        return sum(xs)
    """,
    )
    # captured in the worker, bounded, and compared: printing is behaviour
    assert not r.equivalent and "printed output differs" in r.reason, r.reason


def test_unbounded_recursion(sandbox, workspace):
    r = run_hostile(sandbox, workspace, "return total(xs)\n")
    assert not r.equivalent and "RecursionError" in r.reason


@pytest.mark.skipif("--net" not in namespace_flags()[0], reason="no network namespace here")
def test_network_connection_is_refused(sandbox, workspace):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    port = server.getsockname()[1]
    try:
        r = run_hostile(
            sandbox,
            workspace,
            f"""
            import socket
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
                return -1
            except OSError:
                return sum(xs)
        """,
        )
        with pytest.raises(BlockingIOError):
            server.accept()
    finally:
        server.close()
    assert r.equivalent, r.reason  # it behaved like the original because it could not connect


@pytest.mark.skipif("--mount" not in namespace_flags()[0], reason="no mount namespace here")
def test_writing_outside_the_temporary_directory(sandbox, workspace, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("original")
    outside = tmp_path / "created.txt"
    r = run_hostile(
        sandbox,
        workspace,
        f"""
        for path, mode in (({str(victim)!r}, "w"), ({str(outside)!r}, "w")):
            try:
                with open(path, mode) as fh:
                    fh.write("pwned")
            except OSError:
                pass
        return sum(xs)
    """,
    )
    assert victim.read_text() == "original"
    assert not outside.exists()
    assert r.equivalent, r.reason


@pytest.mark.skipif("--mount" not in namespace_flags()[0], reason="no mount namespace here")
def test_reading_a_file_in_home(sandbox, workspace, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    secret = home / ".ssh" / "id_rsa"
    secret.write_text("SECRET")
    monkeypatch.setenv("HOME", str(home))
    r = run_hostile(
        sandbox,
        workspace,
        f"""
        try:
            with open({str(secret)!r}) as fh:
                fh.read()
            return -1
        except OSError:
            return sum(xs)
    """,
    )
    assert r.equivalent, f"the candidate could read $HOME: {r.reason}"
