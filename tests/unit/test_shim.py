"""The workers' import shim: one read-only folder per version of our code, built once even
when several threads start workers at the same moment, and rebuilt when tampered with."""

from __future__ import annotations

import threading
from pathlib import Path

from afterburner.sandbox import launch


def test_threads_starting_at_once_share_one_verified_shim(tmp_path, monkeypatch):
    monkeypatch.setattr(launch.tempfile, "gettempdir", lambda: str(tmp_path))
    barrier = threading.Barrier(8)
    found: list[str] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            found.append(launch.shim())
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(set(found)) == 1
    shim = Path(found[0])
    assert [p.name for p in tmp_path.iterdir()] == [shim.name]  # no staging folders left
    main = shim / "afterburner" / "sandbox" / "child" / "main.py"
    assert not main.stat().st_mode & 0o222


def test_a_tampered_shim_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(launch.tempfile, "gettempdir", lambda: str(tmp_path))
    shim = Path(launch.shim())
    main = shim / "afterburner" / "sandbox" / "child" / "main.py"
    main.chmod(0o644)
    main.write_text("raise SystemExit('poisoned')\n")
    assert Path(launch.shim()) == shim
    assert "poisoned" not in main.read_text()
