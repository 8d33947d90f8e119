"""Hypothesis's Unicode tables for the workers, built once per interpreter and machine.

`st.text()` needs two tables (the characters UTF-8 can encode, the Unicode categories),
which Hypothesis caches under its storage directory, `.hypothesis` in the working
directory. A worker's working directory is new every time, so every fuzz or generation run
rebuilt them: ~2.5 s per worker for any `str` parameter. A plain subprocess of the workers'
interpreter (no user code runs in it) builds them once into a cache folder, which workers
see read-only (a link from their working directory). The folder is made read-only and
checked against its manifest of digests before this process first hands it to a worker: a
tampered table would make fuzzing miss wrong rewrites, so a mismatch means a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .capture_cache import cache_home

_BUILD = (
    "import sys, warnings; warnings.simplefilter('ignore');"
    "from hypothesis import configuration, find, settings, strategies as st;"
    "configuration.set_hypothesis_home_dir(sys.argv[1]);"
    "find(st.text(), lambda s: True, settings=settings(database=None))"
)
_lock = threading.Lock()
_ready: dict[str, Path | None] = {}


def _cache_root() -> Path:
    return cache_home() / "hypothesis"


def tables_for(python: str) -> Path | None:
    """The folder holding the tables for this interpreter, built on first use; None when
    they cannot be built (no Hypothesis there, an unwritable cache): workers then build
    their own, as before."""
    with _lock:
        if python in _ready:
            return _ready[python]
        key = hashlib.sha256(os.path.realpath(python).encode()).hexdigest()[:16]
        folder = _cache_root() / key
        if (folder / "unicode_data").is_dir() and not _intact(folder):
            _remove(folder)
        if not (folder / "unicode_data").is_dir():
            folder = _build(python, folder)
        _ready[python] = folder
        return folder


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((folder / "unicode_data").rglob("*"))
        if p.is_file()
    }


def _intact(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "MANIFEST.json").read_text())
        return manifest == _digests(folder)
    except (OSError, ValueError):
        return False


def _remove(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def _seal(folder: Path) -> None:
    (folder / "MANIFEST.json").write_text(json.dumps(_digests(folder)))
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o555 if path.is_dir() else 0o444)
    folder.chmod(0o555)


def _build(python: str, folder: Path) -> Path | None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".build-"))
        subprocess.run(
            [python, "-I", "-c", _BUILD, str(staging)],
            check=True,
            timeout=120,
            capture_output=True,
            env={"PATH": os.environ.get("PATH", "")},
        )
        if not (staging / "unicode_data").is_dir():
            return None
        _seal(staging)
        try:
            staging.rename(folder)  # atomic: a concurrent build may have won, which is fine
        except OSError:
            _remove(staging)
        return folder if (folder / "unicode_data").is_dir() and _intact(folder) else None
    except (OSError, subprocess.SubprocessError):
        return None
