from __future__ import annotations

import ast

import pytest

from afterburner.sandbox.splice import EditError, apply_rewrite

MODULE = '''"""Module doc."""
import os

CONST = 1


class Shop:
    def total(self, xs):
        t = 0
        for x in xs:
            t += x
        return t


def f(xs):  # trailing comment kept? no: the function is replaced
    out = []
    for x in xs:
        out.append(x)
    return out


def g():
    return os.sep
'''


def test_replaces_exactly_the_function():
    new = apply_rewrite(MODULE, "f", "def f(xs):\n    return list(xs)\n")
    assert "return list(xs)" in new and "out.append" not in new
    before, after = MODULE.split("def f(xs)")
    assert new.startswith(before)
    assert new.endswith(after[after.index("\n\n\ndef g") :])


def test_method_bare_or_in_class_keeps_indentation():
    bare = apply_rewrite(MODULE, "Shop.total", "def total(self, xs):\n    return sum(xs)\n")
    wrapped = apply_rewrite(
        MODULE, "Shop.total", "class Shop:\n    def total(self, xs):\n        return sum(xs)\n"
    )
    assert bare == wrapped
    assert "    def total(self, xs):\n        return sum(xs)\n" in bare


def test_imports_and_helpers_are_added_once():
    cand = (
        "import os\nfrom collections import deque\n\ndef _drain(q):\n    return list(q)\n\n"
        "def f(xs):\n    return _drain(deque(xs))\n"
    )
    new = apply_rewrite(MODULE, "f", cand)
    assert new.count("import os") == 1 and "import os\nfrom collections import deque\n" in new
    assert new.index("def _drain") < new.index("def f(")
    ast.parse(new)


def test_crlf_is_kept():
    new = apply_rewrite(MODULE.replace("\n", "\r\n"), "g", "def g():\n    return '/'\n")
    assert "\r\n" in new and "\n" not in new.replace("\r\n", "")


def test_conflicting_helper_is_refused():
    with pytest.raises(EditError, match="CONST"):
        apply_rewrite(MODULE, "f", "CONST = 2\n\ndef f(xs):\n    return xs\n")


def test_missing_function_is_refused():
    with pytest.raises(EditError, match="no longer"):
        apply_rewrite(MODULE, "nope", "def nope():\n    pass\n")


def test_imports_go_below_the_opening_comments():
    source = "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\ndef f(xs):\n    return xs\n"
    new = apply_rewrite(
        source, "f", "import math\n\ndef f(xs):\n    return [math.floor(x) for x in xs]\n"
    )
    assert new.startswith("#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport math\n")
    ast.parse(new)
