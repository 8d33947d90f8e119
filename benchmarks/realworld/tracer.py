"""Run under the benchmark's venv: a project's pytest suite with a sys.setprofile hook that
counts the calls of given functions (matched by file and co_qualname) and which test files
made them. Stdlib and pytest only; no conftest is added to the project.

    python tracer.py SPEC.json   (SPEC: {"targets": [[file, qualname], ...], "args": [...],
                                  "out": path})
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

if sys.path and os.path.realpath(sys.path[0]) == os.path.dirname(os.path.realpath(__file__)):
    # this folder holds rewrite folders named like the projects (tabulate/, toolz/): as
    # namespace packages they would shadow the real ones
    del sys.path[0]

import pytest  # noqa: E402


def main(spec_path: str) -> int:
    with open(spec_path, encoding="utf-8") as fh:
        spec = json.load(fh)
    # a property's setter (`C.p.setter`) has the qualname of its getter; both are counted
    wanted = {
        (os.path.realpath(f), q.removesuffix(".setter").removesuffix(".deleter")): i
        for i, (f, q) in enumerate(spec["targets"])
    }
    calls = [0] * len(spec["targets"])
    files: list[set[str]] = [set() for _ in spec["targets"]]
    known: dict[Any, int] = {}
    current: list[str | None] = [None]

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event != "call":
            return
        code = frame.f_code
        index = known.get(code)
        if index is None:
            key = (os.path.realpath(code.co_filename), code.co_qualname)
            index = known[code] = wanted.get(key, -1)
        if index >= 0:
            calls[index] += 1
            if current[0]:
                files[index].add(current[0])

    outcomes: dict[str, int] = {}

    class Plugin:
        def pytest_runtest_setup(self, item: Any) -> None:
            current[0] = item.nodeid.split("::")[0]

        def pytest_runtest_teardown(self, item: Any) -> None:
            current[0] = None

        def pytest_runtest_logreport(self, report: Any) -> None:
            if report.when == "call" or report.outcome != "passed":
                outcomes[report.outcome] = outcomes.get(report.outcome, 0) + 1

    threading.setprofile(hook)
    sys.setprofile(hook)
    try:
        code = int(pytest.main(["-q", "-p", "no:cacheprovider", *spec["args"]], plugins=[Plugin()]))
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    result = {
        "exit": code,
        "outcomes": outcomes,
        "calls": calls,
        "files": [sorted(f) for f in files],
    }
    with open(spec["out"], "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
