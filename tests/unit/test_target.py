from __future__ import annotations

import pytest

from afterburner.sandbox.errors import TargetError
from afterburner.sandbox.target import enclosing_function, load_function, parse_target
from afterburner.sandbox.verify import static_check

SOURCE = '''
import os

LIMIT = 3


class Cart:
    def total(self, tax: float = 0.2) -> float:
        return 1.0

    class Inner:
        def deep(self):
            return 2


@staticmethod
def helper(a, /, b, *args, c=1, **kw):
    """Doc."""
    return a
'''


@pytest.fixture
def module(tmp_path):
    (tmp_path / "shop.py").write_text(SOURCE)
    return tmp_path


def test_functions_and_methods_resolve(module):
    info = load_function(parse_target("shop.py::Cart.total", module))
    assert info.def_line == 8 and info.source.startswith("def total")
    assert load_function(parse_target("shop.py::Cart.Inner.deep", module)).end_line == 13
    helper = load_function(parse_target("shop.py::helper", module))
    assert helper.first_line == 16 and helper.docstring == "Doc."
    kinds = [k for _, k, _ in helper.signature]
    assert kinds == [
        "positional-only",
        "positional-or-keyword",
        "var-positional",
        "keyword-only",
        "var-keyword",
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("missing.py::f", "no such file"),
        ("shop.py", "is not of the form"),
        ("shop.py::nope", "no function named 'nope'"),
        ("shop.py::Cart", "is a class"),
        ("shop.py::LIMIT", "is a variable"),
        ("shop.py::os", "no function named"),
        ("shop.py::1x", "not a function name"),
    ],
)
def test_bad_targets_have_one_clear_message(module, spec, message):
    with pytest.raises(TargetError, match=message):
        load_function(parse_target(spec, module))


def test_syntax_error_names_the_line(tmp_path):
    (tmp_path / "bad.py").write_text("def f(:\n    pass\n")
    with pytest.raises(TargetError, match=r"bad.py:1: syntax error"):
        load_function(parse_target("bad.py::f", tmp_path))


def test_enclosing_function():
    assert enclosing_function(SOURCE, 9) == "Cart.total"
    assert enclosing_function(SOURCE, 13) == "Cart.Inner.deep"
    assert enclosing_function(SOURCE, 4) is None
    assert enclosing_function("def (", 1) is None


def test_static_check_rejects_signature_changes(module):
    info = load_function(parse_target("shop.py::Cart.total", module))
    assert (
        static_check("def total(self, tax: float = 0.2) -> float:\n    return 1.0\n", info) is None
    )
    assert (
        static_check("class Cart:\n    def total(self, tax=0.2):\n        return 1.0\n", info)
        is None
    )
    stage, reason = static_check("def total(self, tax=0.3):\n    return 1.0\n", info)
    assert stage == "signature" and "tax=0.2" in reason and "tax=0.3" in reason
    assert static_check("def total(self, rate=0.2):\n    pass\n", info)[0] == "signature"
    assert static_check("def total(:\n", info)[0] == "parse"
    assert "no function named 'total'" in static_check("x = 1\n", info)[1]
