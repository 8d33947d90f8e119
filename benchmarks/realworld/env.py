"""The benchmark's environment, outside the repository: pinned sdists, their unpacked trees
and one virtual environment holding pytest, Hypothesis and every project (editable)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Log = Callable[[str], None]


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "afterburner-realworld"
    return Path(os.environ.get("AFTERBURNER_REALWORLD_CACHE", default)).expanduser().resolve()


@dataclass
class Project:
    name: str
    requirement: str
    tests: list[str]
    needs: list[str] = field(default_factory=list)
    pytest_args: list[str] = field(default_factory=list)
    root: Path | None = None  # the unpacked sdist, once prepared

    @classmethod
    def from_toml(cls, name: str, data: dict) -> Project:
        return cls(
            name=name,
            requirement=data["requirement"],
            tests=list(data["tests"]),
            needs=list(data.get("needs", [])),
            pytest_args=list(data.get("pytest_args", [])),
        )


@dataclass
class Env:
    cache: Path
    python: Path
    projects: dict[str, Project]


def _run(cmd: list[str], log: Log, cwd: Path | None = None, timeout: float = 1800) -> str:
    log("$ " + " ".join(str(c) for c in cmd))
    done = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _sdist(project: Project, cache: Path, log: Log) -> Path:
    folder = cache / "sdist" / project.name
    found = sorted(folder.glob("*.tar.gz")) + sorted(folder.glob("*.zip"))
    if not found:
        folder.mkdir(parents=True, exist_ok=True)
        _run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-binary",
                ":all:",
                "--no-deps",
                "--quiet",
                "-d",
                str(folder),
                project.requirement,
            ],
            log,
        )
        found = sorted(folder.glob("*.tar.gz")) + sorted(folder.glob("*.zip"))
    if len(found) != 1:
        raise RuntimeError(f"{folder}: expected one sdist, found {found}")
    return found[0]


def _unpack(project: Project, archive: Path, cache: Path) -> Path:
    dest = cache / "src" / project.name
    with tarfile.open(archive) as tar:
        top = tar.getnames()[0].split("/")[0]
        if not (dest / top).is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            tar.extractall(dest, filter="data")
    return dest / top


def prepare(projects: dict[str, Project], tools: list[str], log: Log) -> Env:
    """Download, unpack and install what is missing; a no-op when all is in place."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for project in projects.values():
        project.root = _unpack(project, _sdist(project, cache, log), cache)
    venv = cache / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)], log)
    wanted = {
        "tools": tools,
        "projects": {p.name: [str(p.root), *p.needs] for p in projects.values()},
    }
    marker = venv / "afterburner-realworld.json"
    have = json.loads(marker.read_text()) if marker.exists() else {"projects": {}}
    missing = [
        p for p in projects.values() if have["projects"].get(p.name) != wanted["projects"][p.name]
    ]
    if have.get("tools") != tools or missing:
        needs = sorted({n for p in missing for n in p.needs})
        _run([str(python), "-m", "pip", "install", "--quiet", *tools, *needs], log)
        for project in missing:
            _run([str(python), "-m", "pip", "install", "--quiet", "-e", str(project.root)], log)
        have["tools"] = tools
        have["projects"].update({p.name: wanted["projects"][p.name] for p in missing})
        marker.write_text(json.dumps(have, indent=2))
    return Env(cache=cache, python=python, projects=projects)


_COUNT = re.compile(r"(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|warnings?)")


def pytest_counts(output: str) -> dict[str, int]:
    lines = [line for line in output.strip().splitlines() if _COUNT.search(line)]
    if not lines:
        return {}
    counts = {
        kind.rstrip("s") if kind.startswith("error") else kind: int(n)
        for n, kind in _COUNT.findall(lines[-1])
    }
    counts.pop("warning", None)
    counts.pop("warnings", None)
    return counts


def pytest_command(env: Env, project: Project, selection: list[str]) -> list[str]:
    return [
        str(env.python),
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *project.pytest_args,
        *selection,
    ]


def run_pytest(
    env: Env, project: Project, selection: list[str], timeout: float
) -> subprocess.CompletedProcess | None:
    """Plain pytest on a selection of the project's tests; None when it ran over timeout."""
    try:
        return subprocess.run(
            pytest_command(env, project, selection),
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None


def run_suite(env: Env, project: Project, timeout: float = 900) -> dict:
    """The project's own test suite, plainly: pass counts and wall time."""
    started = time.monotonic()
    done = run_pytest(env, project, project.tests, timeout)
    if done is None:
        return {"ok": False, "reason": f"timeout after {timeout:.0f} s"}
    counts = pytest_counts(done.stdout)
    return {
        "ok": done.returncode in (0, 1) and counts.get("passed", 0) > 0,
        "returncode": done.returncode,
        "counts": counts,
        "wall_s": round(time.monotonic() - started, 2),
        "tail": done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else [],
    }
