"""The seccomp filter, loaded into a plain subprocess: each denied call fails with EPERM (or
ENOSYS for clone3), and what Python needs keeps working."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from afterburner.sandbox.child import seccomp

PROBE = r"""
import ctypes, errno, json, os, socket, subprocess, sys, threading
from afterburner.sandbox.child import seccomp
libc = ctypes.CDLL(None, use_errno=True)
assert libc.prctl(38, 1, 0, 0, 0) == 0  # no_new_privs
seccomp.install(libc)
out = {}
def rc(name, value):
    out[name] = errno.errorcode.get(ctypes.get_errno(), "ok") if value != 0 else "ok"
# Harmless arguments: without the filter these fail with ENOENT/ESRCH (or, for unshare,
# make a namespace for this process alone), so only the filter answers EPERM.
rc("mount", libc.mount(None, b"/nonexistent-afterburner", None, 32, None))
rc("umount2", libc.umount2(b"/nonexistent-afterburner", 0))
rc("unshare", libc.unshare(0x10000000))
rc("ptrace", libc.ptrace(0x4206, 2**22 + 12345, 0, 0))  # PTRACE_SEIZE of no process
rc("clone3", libc.syscall(435, 0, 0))
try:
    socket.socket(socket.AF_UNIX)
    out["af_unix"] = "ok"
except OSError as exc:
    out["af_unix"] = errno.errorcode[exc.errno]
a, b = socket.socketpair()
out["socketpair"] = "ok"
t = threading.Thread(target=lambda: None); t.start(); t.join()
out["thread"] = "ok"
out["subprocess"] = subprocess.run(["true"]).returncode
print(json.dumps(out))
"""


@pytest.mark.skipif(not seccomp.supported(), reason="no filter for this architecture")
def test_denied_calls_fail_and_the_rest_works():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    for name in ("mount", "umount2", "unshare", "ptrace", "af_unix"):
        assert out[name] == "EPERM", (name, out)
    assert out["clone3"] == "ENOSYS"
    assert out["socketpair"] == "ok" and out["thread"] == "ok" and out["subprocess"] == 0


def test_the_program_is_well_formed():
    code = seccomp.program()
    assert len(code) % 8 == 0 and len(code) // 8 < 4096
