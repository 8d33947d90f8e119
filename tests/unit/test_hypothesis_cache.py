"""Hypothesis's Unicode tables are built once, by the workers' interpreter, sealed read-only
with a manifest of digests, and rebuilt when they no longer match it (a tampered table
would make fuzzing miss wrong rewrites)."""

from __future__ import annotations

import sys

from afterburner.sandbox import hypothesis_cache


def test_tables_are_built_once_sealed_and_rebuilt_when_tampered_with(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(hypothesis_cache, "_ready", {})
    folder = hypothesis_cache.tables_for(sys.executable)
    assert folder is not None
    tables = sorted(p for p in (folder / "unicode_data").rglob("*.gz"))
    assert any(p.name.startswith("codec-") for p in tables), tables  # what st.text() needs
    assert hypothesis_cache.tables_for(sys.executable) == folder  # built once
    assert not tables[0].stat().st_mode & 0o222  # read-only for everyone
    tables[0].chmod(0o644)
    tables[0].write_bytes(b"poisoned")
    monkeypatch.setattr(hypothesis_cache, "_ready", {})
    again = hypothesis_cache.tables_for(sys.executable)
    assert again == folder
    assert tables[0].read_bytes() != b"poisoned"  # rebuilt
    assert hypothesis_cache._intact(folder)


def test_an_interpreter_without_hypothesis_has_no_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(hypothesis_cache, "_ready", {})
    assert hypothesis_cache.tables_for("/bin/false") is None
