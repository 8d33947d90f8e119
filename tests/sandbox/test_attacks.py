"""Candidates that attack the jail or the verdict, one per attack class of the threat model
(README, "What a candidate can and cannot do"). Each must leave the caller with the right
verdict, leave every file outside the worker's temporary directory as it was, and leave
nothing behind. Where an attack would succeed, the candidate returns a wrong value, so a
broken defence shows up as a wrong verdict as well as in the files."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest

from afterburner.sandbox import bwrap
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.launch import namespace_flags
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import write_workspace
from tests.sandbox.test_hostile import MODULE, TESTS, snapshot

NO_TIMING = VerifySettings(fuzz=False, run_tests=False, workers=1, budget_s=0.2)
TIMED = VerifySettings(fuzz=False, run_tests=False, workers=2, budget_s=0.4)
jailed = pytest.mark.skipif(
    "--mount" not in namespace_flags()[0], reason="no mount namespace on this kernel"
)


def body(code: str) -> str:
    """A candidate that runs `code` (which returns what `total` should return) on each call."""
    return "def total(xs: list[int]) -> int:\n" + textwrap.indent(textwrap.dedent(code), "    ")


def once(code: str) -> str:
    """A candidate that attacks on its first call only (an attack on every call would make it
    too slow to time): `code` returns True when the attack failed. Then it behaves like the
    original exactly when the attack failed."""
    return (
        "def _attack():\n"
        + textwrap.indent(textwrap.dedent(code), "    ")
        + "\n_held = []\n\n"
        "def total(xs: list[int]) -> int:\n"
        "    if not _held:\n"
        "        _held.append(_attack())\n"
        "    return sum(xs) if _held[0] else -1\n"
    )


JAILS = ["own", *(["bwrap"] if bwrap.version() else [])]


@pytest.fixture(scope="module", autouse=True, params=JAILS)
def jail(request):
    """Every attack against both jail builders: our own and bubblewrap where installed."""
    saved = os.environ.get("AFTERBURNER_JAIL")
    os.environ["AFTERBURNER_JAIL"] = request.param
    yield request.param
    if saved is None:
        os.environ.pop("AFTERBURNER_JAIL", None)
    else:
        os.environ["AFTERBURNER_JAIL"] = saved


@pytest.fixture(scope="module")
def home():
    """A home directory outside /tmp (the jail hides it behind an empty tmpfs)."""
    base = Path(tempfile.mkdtemp(prefix="afterburner-home-", dir="/var/tmp"))
    (base / "canary.txt").write_text("SECRET")
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, sandbox, home):
    files = {"mod.py": MODULE, "test_mod.py": TESTS}
    ws = write_workspace(tmp_path_factory.mktemp("attacks"), files)
    target = parse_target("mod.py::total", ws)
    return ws, target, collect_inputs(sandbox, target)


# What the attacks try to plant on the host. Only these names are looked for: other
# processes on the machine (CI runs beside other work) may write to /tmp and /dev/shm.
_PLANTED = (
    "/tmp/fill.bin",
    "/tmp/stderr.txt",
    "/dev/shm/fill.bin",
    "/dev/shm/afterburner-canary",
    "/dev/afterburner-planted",
    "/sys/fs/cgroup/afterburner-planted",
)


def _host_state(home: Path) -> dict:
    return {
        "planted": [p for p in _PLANTED if os.path.lexists(p)],
        "home": snapshot(home),
    }


def attack(sandbox, workspace, home, source: str, settings=NO_TIMING, monkeypatch=None):
    ws, target, inputs = workspace
    before, state = snapshot(ws), _host_state(home)
    if monkeypatch is not None:
        monkeypatch.setenv("HOME", str(home))
    result = verify(sandbox, target, source, inputs=inputs, settings=settings)
    assert snapshot(ws) == before, "a file in the workspace changed"
    assert _host_state(home) == state, "something outside the worker persisted"
    assert not (ws / "__pycache__").exists(), "byte code was written into the workspace"
    expected = "bubblewrap" if os.environ["AFTERBURNER_JAIL"] == "bwrap" else "own"
    assert result.isolation["jail"].startswith(expected), result.isolation
    assert "NOT" not in str(result.isolation), result.isolation
    return result


def held(result) -> None:
    """The attack failed, so the candidate behaved like the original."""
    assert result.equivalent, result.reason


@jailed
def test_remounting_the_root_read_write(sandbox, workspace, home, monkeypatch):
    ws = workspace[0]
    r = attack(sandbox, workspace, home, once(f"""
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        for flags in (32 | 4096, 32, 32 | 4096 | 16384):  # MS_REMOUNT [| MS_BIND | MS_REC]
            libc.mount(None, b"/", None, flags, None)
            libc.mount(None, {str(ws).encode()!r}, None, flags, None)
        try:
            with open({str(ws / "mod.py")!r}, "a") as fh:
                fh.write("# pwned")
            return False
        except OSError:
            return True
    """), monkeypatch=monkeypatch)
    held(r)


@jailed
def test_unmounting_the_home_tmpfs(sandbox, workspace, home, monkeypatch):
    r = attack(sandbox, workspace, home, once(f"""
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.umount2({str(home).encode()!r}, 2)
        try:
            open({str(home / "canary.txt")!r}).read()
            return False
        except OSError:
            return True
    """), monkeypatch=monkeypatch)
    held(r)


@jailed
def test_unmounting_proc_to_see_host_processes(sandbox, workspace, home, monkeypatch):
    r = attack(sandbox, workspace, home, once(f"""
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        libc.umount2(b"/proc", 2)
        for pid in os.listdir("/proc"):
            try:
                with open(f"/proc/{{pid}}/cmdline", "rb") as fh:
                    if b"pytest" in fh.read():
                        return False
            except OSError:
                pass
        return not os.path.exists("/proc/{os.getpid()}/cwd")
    """), monkeypatch=monkeypatch)
    held(r)


@jailed
def test_writing_dev_shm_and_sys(sandbox, workspace, home, monkeypatch):
    r = attack(sandbox, workspace, home, once("""
        import os
        with open("/dev/shm/afterburner-canary", "w") as fh:  # a private tmpfs: allowed
            fh.write("x")
        # Opening for writing is the whole test: nothing is written where it succeeds.
        for path, flags in (
            ("/sys/kernel/mm/transparent_hugepage/enabled", os.O_WRONLY),
            ("/sys/fs/cgroup/afterburner-planted", os.O_WRONLY | os.O_CREAT),
            ("/dev/afterburner-planted", os.O_WRONLY | os.O_CREAT),
            ("/proc/sys/vm/drop_caches", os.O_WRONLY),
            ("/proc/sys/kernel/hostname", os.O_WRONLY),
            ("/proc/sysrq-trigger", os.O_WRONLY),
        ):
            try:
                os.close(os.open(path, flags, 0o600))
                return False
            except OSError:
                pass
        return True
    """), monkeypatch=monkeypatch)
    held(r)


@jailed
def test_lifting_the_pids_limit(sandbox, workspace, home, monkeypatch):
    r = attack(sandbox, workspace, home, once("""
        import glob
        for path in glob.glob("/sys/fs/cgroup/pids/**/pids.max", recursive=True)[:50]:
            try:
                with open(path, "w") as fh:
                    fh.write("max")
                return False
            except OSError:
                pass
        return True
    """), monkeypatch=monkeypatch)
    held(r)


@jailed
def test_connecting_to_a_host_unix_socket(sandbox, workspace, home, monkeypatch):
    path = workspace[0] / "agent.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen(5)
    server.setblocking(False)
    try:
        r = attack(sandbox, workspace, home, once(f"""
            import socket
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect({str(path)!r})
                return False
            except OSError:
                return True
        """), monkeypatch=monkeypatch)
        with pytest.raises(BlockingIOError):
            server.accept()
    finally:
        server.close()
        path.unlink()
    held(r)


def test_forged_verdict_frame_on_inherited_descriptors(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, body("""
        import os, struct, msgpack
        forged = msgpack.packb({"ok": True, "result": {"equivalent": True, "speedup": 873.0}})
        for fd in range(3, 64):
            try:
                os.write(fd, struct.pack(">I", len(forged)) + forged)
            except OSError:
                pass
        return []
    """))
    assert not r.equivalent
    assert "malformed" in r.reason, r.reason


def test_garbage_on_the_result_channel(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, body("""
        import os
        for fd in range(3, 64):
            try:
                os.write(fd, b"\\xff\\xff\\xff\\xf0 not a frame")
            except OSError:
                pass
        return sum(xs)
    """))
    assert not r.equivalent
    assert "frame" in r.reason, r.reason


def test_rebinding_the_harness(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, body("""
        import sys
        for name, module in list(sys.modules.items()):
            if name.startswith("afterburner"):
                for attr in ("encode", "encode_outcome", "difference", "outcome_difference"):
                    if hasattr(module, attr):
                        setattr(module, attr, lambda *a, **k: {})
        enc = sys.modules.get("afterburner.sandbox.child.encode")
        if enc is not None:
            enc.Encoder.__call__ = lambda self, value, depth=0: ["int", "builtins.int", 6]
        return -1
    """))
    assert not r.equivalent


def test_behaving_differently_while_timed(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, body("""
        import sys
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_name == "run":  # inside the timed loop
                return 0
            frame = frame.f_back
        t = 0
        for x in xs:
            t += x
        return t
    """), settings=TIMED)
    assert not r.equivalent
    assert r.stage == "timing" and "timed call differs" in r.reason, r.reason


def test_the_collector_does_not_tell_timing_apart(sandbox, workspace, home):
    # The collector runs while timing as it does during the equivalence calls, so a candidate
    # that asks it cannot do less work when timed: it is judged on the original's loop.
    r = attack(sandbox, workspace, home, body("""
        import gc
        if not gc.isenabled():
            return 0
        t = 0
        for x in xs:
            t += x
        return t
    """), settings=TIMED)
    assert r.equivalent, r.reason
    assert r.verdict != "faster", (r.verdict, r.speedup)


def test_keeping_results_between_calls_in_module_state(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, """
_cache = {}

def total(xs: list[int]) -> int:
    key = tuple(xs)
    if key not in _cache:
        _cache[key] = sum(xs)
    return _cache[key]
""")
    assert not r.equivalent and r.stage == "state", r.reason
    assert "keeps results between calls" in r.reason and "`_cache`" in r.reason


def test_keeping_results_between_calls_in_a_functools_cache(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, """
import functools

@functools.lru_cache(maxsize=None)
def _summed(key):
    return sum(key)

def total(xs: list[int]) -> int:
    return _summed(tuple(xs))
""")
    assert not r.equivalent and r.stage == "state", r.reason
    assert "_summed (functools cache)" in r.reason


def test_a_table_built_once_is_not_a_store(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, """
_table = []

def total(xs: list[int]) -> int:
    if not _table:
        _table.extend(range(10))  # filled on the first call, then only read
    t = 0
    for x in xs:
        t += x
    return t
""")
    held(r)


SPINNER = '''
import threading

def _spin():
    while True:
        pass

threading.Thread(target=_spin, daemon=True).start()

def total(xs: list[int]) -> int:
    """Sum of xs."""
    t = 0
    for x in xs:
        t += x
    return t
'''


def test_a_thread_that_competes_with_the_original(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, SPINNER, settings=TIMED)
    # The busy thread's CPU counts against the candidate (in its timed runs: usually "slower";
    # outside them: rejected beyond an allowance); how much of it lands in a batch depends on
    # when the GIL changes hands, so the assertion is the property: never faster.
    assert not r.faster, f"identical code with a busy thread called {r.speedup}x faster"
    assert r.verdict in ("slower", "no significant change") or (
        "outside its timed calls" in (r.reason or "")
    ), r


def test_forged_clock(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, body("""
        import time
        time.perf_counter = lambda: 0.0
        time.monotonic = lambda: 0.0
        time.perf_counter_ns = lambda: 0
        t = 0
        for _ in range(20):
            for x in xs:
                t += x
        return t // 20
    """), settings=TIMED)
    assert r.equivalent, r.reason
    assert r.verdict == "slower", (r.verdict, r.speedup)


def test_fifos_where_output_files_were(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, once("""
        import os
        for name in ("stderr.txt", "request.msgpack", "/tmp/stderr.txt", "../stderr.txt"):
            try:
                os.mkfifo(name)
            except OSError:
                pass
        return True
    """))
    held(r)


def test_filling_the_temporary_directory(sandbox, workspace, home):
    r = attack(sandbox, workspace, home, once("""
        written = 0
        chunk = b"x" * (1 << 20)
        for path in ("fill.bin", "/tmp/fill.bin", "/dev/shm/fill.bin"):
            try:
                with open(path, "wb") as fh:
                    for _ in range(2048):
                        fh.write(chunk)
                        written += len(chunk)
            except OSError:
                pass
        return written <= 3 * (256 << 20)
    """))
    held(r)


def test_planting_byte_code_for_the_original(sandbox, workspace, home):
    ws = workspace[0]
    r = attack(sandbox, workspace, home, once(f"""
        import os, py_compile
        cache = {str(ws / "__pycache__")!r}
        try:
            os.makedirs(cache, exist_ok=True)
            with open(cache + "/mod.cpython-311.pyc", "wb") as fh:
                fh.write(b"poison")
            return False
        except OSError:
            return True
    """))
    held(r)


def test_stray_threads_do_not_outlive_the_verdict(sandbox, workspace, home):
    before = threading.active_count()
    attack(sandbox, workspace, home, SPINNER, settings=NO_TIMING)
    assert threading.active_count() == before
