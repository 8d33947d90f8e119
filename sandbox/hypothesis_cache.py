"""Hypothesis's Unicode tables for the workers, built once per interpreter and machine.

`st.text()` needs two tables (the characters UTF-8 can encode, the Unicode categories),
which Hypothesis caches under its storage directory, `.hypothesis` in the working
directory. A worker's working directory is new every time, so every fuzz or generation run
rebuilt them: ~2.5 s per worker for any `str` parameter. A plain subprocess of the workers'
interpreter (no user code runs in it) builds them once into a cache folder, and each worker
starts with a copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

_BUILD = (
    "import sys, warnings; warnings.simplefilter('ignore');"
    "from hypothesis import configuration, find, settings, strategies as st;"
    "configuration.set_hypothesis_home_dir(sys.argv[1]);"
    "find(st.text(), lambda s: True, settings=settings(database=None))"
)
_lock = threading.Lock()
_ready: dict[str, Path | None] = {}


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "afterburner" / "hypothesis"


def tables_for(python: str) -> Path | None:
    """The folder holding the tables for this interpreter, built on first use; None when
    they cannot be built (no Hypothesis there, an unwritable cache): workers then build
    their own, as before."""
    with _lock:
        if python in _ready:
            return _ready[python]
        key = hashlib.sha256(os.path.realpath(python).encode()).hexdigest()[:16]
        folder = _cache_root() / key
        if not (folder / "unicode_data").is_dir():
            folder = _build(python, folder)
        _ready[python] = folder
        return folder


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
        try:
            staging.rename(folder)  # atomic: a concurrent build may have won, which is fine
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
        return folder if (folder / "unicode_data").is_dir() else None
    except (OSError, subprocess.SubprocessError):
        return None


def copy_into(python: str, workdir: Path) -> None:
    """Give a worker whose working directory is workdir the prebuilt tables."""
    tables = tables_for(python)
    if tables is None:
        return
    try:
        shutil.copytree(tables / "unicode_data", workdir / ".hypothesis" / "unicode_data")
    except OSError:
        pass
