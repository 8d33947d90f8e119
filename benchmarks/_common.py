"""What the benchmark scripts share: the public cases and where results go."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cases"


def cases() -> list[tuple[Path, dict]]:
    return [(c, tomllib.loads((c / "case.toml").read_text())) for c in sorted(CASES.glob("p*"))]


def case_workspace(case: Path, root: Path) -> Path:
    """A copy of a case's project (module + tests), as a user's workspace holds it."""
    ws = root / case.name
    ws.mkdir(parents=True)
    for name in ("mod.py", "test_mod.py"):
        shutil.copy(case / name, ws)
    return ws


def write_results(path: str, data: object) -> None:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=2))
