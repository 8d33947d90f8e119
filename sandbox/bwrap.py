"""Bubblewrap as the jail builder, where it is installed: the same filesystem as
child/jail.py builds (a read-only host, fresh /tmp, /run, $HOME and /dev, /proc of the PID
namespace with its kernel knobs read-only, /sys read-only, a bounded working directory),
made by a tool audited for exactly this. The worker then locks it as it locks its own
(child/lockdown.py: nested user namespace, no capabilities, no_new_privs, seccomp), so the
twins' sides can still make namespaces of their own. No `--cap-drop ALL` here: when root
runs bwrap that empties the bounding set, after which a nested user namespace may not
write its uid_map; the worker drops every capability itself before any user code runs.

Choose with AFTERBURNER_JAIL=bwrap|own (default: bwrap when it works here, else own).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path


@functools.lru_cache(maxsize=1)
def version() -> str | None:
    """bubblewrap's version when it is installed and can make its namespaces here."""
    exe = shutil.which("bwrap")
    if exe is None:
        return None
    try:
        probe = subprocess.run(
            [exe, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
            capture_output=True,
            timeout=10,
        )
        if probe.returncode != 0:
            return None
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "bubblewrap"
    except (OSError, subprocess.TimeoutExpired):
        return None


def chosen() -> str:
    """'bwrap' or 'own', from AFTERBURNER_JAIL and what this machine has."""
    wanted = os.environ.get("AFTERBURNER_JAIL", "auto")
    if wanted == "own":
        return "own"
    return "bwrap" if version() else "own"


@functools.lru_cache(maxsize=8)
def interpreter_paths(python: str) -> tuple[str, ...]:
    """Where the workspace interpreter reads its code from (prefixes and sys.path)."""
    code = "import sys, json; print(json.dumps([sys.prefix, sys.base_prefix, *sys.path]))"
    try:
        out = subprocess.run(
            [python, "-I", "-c", code], capture_output=True, text=True, timeout=30, env={}
        )
        return tuple(p for p in json.loads(out.stdout) if p)
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return ()


def _kept_under(base: Path, keep: list[Path]) -> list[Path]:
    inside = sorted({p for p in keep if p == base or base in p.parents}, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in inside:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


def arguments(
    scratch: Path, home: str | None, keep: list[str], size: int, shared_read_only: bool
) -> list[str]:
    """The bwrap command line up to (not including) the program to run."""
    resolved = [Path(p).resolve() for p in keep if p and Path(p).exists()]
    resolved = [p for p in resolved if not (p == scratch or scratch in p.parents)]
    args = [
        shutil.which("bwrap") or "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--as-pid-1",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--size", str(size), "--tmpfs", "/dev/shm",
        "--remount-ro", "/dev",  # /dev/shm, its own mount, stays writable
        "--proc", "/proc",
        "--ro-bind", "/sys", "/sys",
        "--size", str(size), "--tmpfs", "/tmp",
        "--tmpfs", "/run",
    ]  # fmt: skip
    for path in _kept_under(Path("/tmp"), resolved):
        args += ["--ro-bind", str(path), str(path)]
    home_path = Path(home).resolve() if home and Path(home).is_dir() else None
    if home_path is not None and home_path != Path("/") and home_path.parts[1:2] != ("tmp",):
        args += ["--tmpfs", str(home_path)]
        for path in _kept_under(home_path, resolved):
            args += ["--ro-bind", str(path), str(path)]
    if scratch.parts[1:2] == ("tmp",):
        args += ["--dir", str(scratch)]
    else:
        args += ["--size", str(size), "--tmpfs", str(scratch)]
    if shared_read_only:
        args += ["--remount-ro", "/tmp", "--remount-ro", "/run"]
        if home_path is not None and home_path.parts[1:2] != ("tmp",):
            args += ["--remount-ro", str(home_path)]
    args += ["--chdir", str(scratch)]
    return args
