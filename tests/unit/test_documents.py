"""The document index parses runs of top-level statements on their own: it must find
exactly what one parse of the whole module finds, and after an edit parse only the run
the edit touched."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from afterburner.server.documents import _block, index

STDLIB = sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))


def whole(source: str):
    return _block(source)


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_same_functions_as_one_parse_on_the_standard_library(crlf):
    compared = 0
    for path in STDLIB[:400]:
        source = path.read_text(encoding="utf-8", errors="replace")
        if crlf:
            source = source.replace("\n", "\r\n")
        reference = whole(source)
        if reference is None:
            continue
        assert index(source).spans == reference, path
        compared += 1
    assert compared > 100


def test_strings_with_code_in_column_0_are_not_functions():
    source = (
        '"""Module.\n\nExample:\n\ndef phantom():\n    return 1\n"""\n\n'
        "x = (\n1)\n\nif x:\n    def a():\n        pass\nelse:\n    def b():\n        pass\n"
        "try:\n    pass\nexcept Exception:\n    pass\n\n@property\ndef real():\n    return 2\n"
    )
    assert [s.qualname for s in index(source).spans] == ["real"]
    assert index(source).spans == whole(source)


def test_a_syntax_error_leaves_the_functions_before_it():
    source = "def a():\n    return 1\n\ndef b(:\n    pass\n\ndef c():\n    return 3\n"
    assert [s.qualname for s in index(source).spans] == ["a"]


def test_an_edit_parses_only_its_own_block():
    body = "def f{i}(xs):\n    out = []\n    for x in xs:\n        out.append(x + {i})\n"
    source = "\n\n".join(body.format(i=i) for i in range(300))
    first = index(source)
    before = _block.cache_info().misses
    edited = source.replace("x + 150)", "x + 150 + 0)")
    second = index(edited)
    assert _block.cache_info().misses - before <= 2
    changed = [a.qualname for a, b in zip(first.spans, second.spans, strict=True) if a != b]
    assert changed == ["f150"]
