"""Hypothesis's Unicode tables are built once, by the workers' interpreter, and copied into
each worker's working directory (they used to be rebuilt by every worker: ~2.5 s each)."""

from __future__ import annotations

import sys

from afterburner.sandbox import hypothesis_cache


def test_tables_are_built_once_and_copied_into_a_worker_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(hypothesis_cache, "_ready", {})
    folder = hypothesis_cache.tables_for(sys.executable)
    assert folder is not None
    tables = {p.name for p in (folder / "unicode_data").rglob("*.gz")}
    assert any(name.startswith("codec-") for name in tables), tables  # what st.text() needs
    assert hypothesis_cache.tables_for(sys.executable) == folder  # built once
    work = tmp_path / "worker"
    work.mkdir()
    hypothesis_cache.copy_into(sys.executable, work)
    copied = {p.name for p in (work / ".hypothesis" / "unicode_data").rglob("*.gz")}
    assert copied == tables


def test_an_interpreter_without_hypothesis_leaves_workers_to_build_their_own(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(hypothesis_cache, "_ready", {})
    assert hypothesis_cache.tables_for("/bin/false") is None
    hypothesis_cache.copy_into("/bin/false", tmp_path)  # no error, nothing copied
    assert not (tmp_path / ".hypothesis").exists()
