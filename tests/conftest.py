from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from afterburner.sandbox.verify import VerifySettings

REPO = Path(__file__).resolve().parents[1]
# The eight public cases, kept in the repository so that a clone runs every test.
CASES = REPO / "tests" / "fixtures" / "cases"
# For tests of the loop, where rewrites win by 1.5x and more: half the default budgets.
QUICK_VERIFY = VerifySettings(fuzz_budget_s=1.0, budget_s=1.0)


def case_dirs() -> list[Path]:
    return (
        sorted(p for p in CASES.glob("p*") if (p / "case.toml").exists()) if CASES.exists() else []
    )


def load_case(case: Path) -> dict:
    return tomllib.loads((case / "case.toml").read_text())


def make_workspace(case: Path, dest: Path) -> Path:
    """A copy of a case's project (module + tests), as a user's workspace would hold it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mod.py", "test_mod.py"):
        shutil.copy(case / name, dest / name)
    return dest


# The interpreter the workers run under, as a user's `--python`: CI runs the sandbox tests a
# second time with a Python 3.12 virtual environment here, for the sys.monitoring capture.
WORKER_PYTHON = os.environ.get("AFTERBURNER_TEST_PYTHON") or None


def worker_version(sandbox) -> tuple[int, int]:
    """The (major, minor) version of the interpreter the sandbox's workers run."""
    import subprocess

    out = subprocess.run(
        [sandbox.python, "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    major, minor = out.stdout.split()
    return int(major), int(minor)


@pytest.fixture(scope="session")
def sandbox():
    from afterburner.sandbox.worker import Sandbox

    return Sandbox(python=WORKER_PYTHON)


def write_workspace(tmp: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp
