"""Captured inputs kept on disk, so that the next `verify` or `profile` of the same function
does not run the tests again.

An entry is valid for exactly what it was captured from: the interpreter, this package's
code, the target's file (the editor's text of it, when that was used) and qualname, the
content of every test file that was selected, and the size and modification time of every
other Python or configuration file under the workspace (a helper the function calls, a
conftest, pytest's settings). Any change there is another key. A run whose tests did not
start is not kept.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import msgpack

# not the workspace's own: installed packages, build copies; a virtual environment anywhere
# in it is recognised by its pyvenv.cfg, not by its name (a package may be called `env`)
_SKIP_DIRS = {"node_modules", "site-packages", "__pycache__", "build", "dist"}
_CONFIG = {"pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini", "conftest.py"}
_READ = ("test_files", "more_test_files", "overlay")  # keyed by what they hold, below
_KEEP = 400  # entries; the oldest go first


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "afterburner"


def _folder() -> Path:
    return cache_home() / "inputs"


def key(root: Path, request: dict, python: str, code_digest: str) -> str:
    """The entry's name: what the capture read, as content or as (size, mtime)."""
    h = hashlib.sha256()
    for part in (os.path.realpath(python), code_digest, repr(sorted(
        (k, str(v)) for k, v in request.items() if k not in _READ
    ))):  # fmt: skip
        h.update(part.encode() + b"\0")
    selected = {*request.get("test_files", []), *request.get("more_test_files", [])}
    texts = request.get("overlay", {})
    for path in sorted({request["file"], *selected}):
        data = texts[path].encode() if path in texts else _content(path)
        h.update(path.encode() + b"\0" + data + b"\0")
    _hash_workspace(h, root, skip=selected)
    return h.hexdigest()[:32]


def workspace_digest(root: Path) -> str:
    """The state of every Python or configuration file under root, as (size, mtime)."""
    h = hashlib.sha256()
    _hash_workspace(h, root, skip=set())
    return h.hexdigest()[:32]


def workspace_dirs(dirpath: str, dirnames: list[str]) -> list[str]:
    """The subfolders of `dirpath` that hold the workspace's own files, sorted: not hidden,
    not installed packages or build copies, not a virtual environment."""
    return sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS
                  and not os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg")))  # fmt: skip


def _hash_workspace(h: Any, root: Path, skip: set[str]) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = workspace_dirs(dirpath, dirnames)
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if path in skip or not (name.endswith(".py") or name in _CONFIG):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())


def _content(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b"<missing>"


def load(name: str) -> dict | None:
    try:
        data = msgpack.unpackb((_folder() / f"{name}.msgpack").read_bytes(), raw=False)
    except (OSError, ValueError, msgpack.UnpackException):
        return None
    return data if isinstance(data, dict) else None


def store(name: str, result: dict[str, Any]) -> None:
    """Atomically, and only a run whose tests started; the cache never fails the caller."""
    if result.get("problems"):
        return
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(msgpack.packb(result, use_bin_type=True))
        os.replace(tmp, folder / f"{name}.msgpack")
        entries = sorted(folder.glob("*.msgpack"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
