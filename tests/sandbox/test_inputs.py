"""Where inputs come from, and what happens when there are none."""

from __future__ import annotations

import pytest

from afterburner.sandbox.errors import NoInputsError
from afterburner.sandbox.inputs import collect_inputs
from afterburner.sandbox.profile import profile
from afterburner.sandbox.target import parse_target
from afterburner.sandbox.verify import VerifySettings, verify
from tests.conftest import case_dirs, make_workspace, worker_version, write_workspace

QUICK = VerifySettings(fuzz=False, budget_s=0.3)


def test_calls_from_tests_are_captured_deduplicated_and_unpicklable_ones_counted(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path,
        {
            "lib.py": "def apply(f, xs):\n    return [f(x) for x in xs]\n",
            "test_lib.py": (
                "from lib import apply\n"
                "def double(x):\n    return 2 * x\n"
                "def test_apply():\n"
                "    for _ in range(3):\n        assert apply(double, [1, 2]) == [2, 4]\n"
                "    assert apply(lambda x: x, [1]) == [1]\n"
            ),
        },
    )
    inputs = collect_inputs(sandbox, parse_target("lib.py::apply", ws))
    assert inputs.from_tests == 1  # three identical calls, one input
    assert inputs.skipped_unpicklable == 1  # the lambda
    assert inputs.calls_seen == 4
    assert inputs.passing_tests == ["test_lib.py::test_apply"]


def test_methods_capture_self_and_verify(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path,
        {
            "shop.py": (
                "class Cart:\n"
                "    def __init__(self, prices):\n        self.prices = prices\n"
                "    def total(self, discount=0):\n"
                "        t = 0\n        for p in self.prices:\n            t += p\n"
                "        return t - discount\n"
            ),
            "test_shop.py": (
                "from shop import Cart\n"
                "def test_total():\n    assert Cart([1, 2, 3]).total(1) == 5\n"
            ),
        },
    )
    target = parse_target("shop.py::Cart.total", ws)
    inputs = collect_inputs(sandbox, target)
    assert inputs.from_tests == 1
    good = "def total(self, discount=0):\n    return sum(self.prices) - discount\n"
    bad = "def total(self, discount=0):\n    return sum(self.prices) + discount\n"
    assert verify(sandbox, target, good, inputs=inputs, settings=QUICK).equivalent
    r = verify(sandbox, target, bad, inputs=inputs, settings=QUICK)
    assert not r.equivalent and "return value" in r.reason


def test_doctest_examples_are_inputs(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path,
        {
            "m.py": (
                "def square(x):\n    '''\n    >>> square(3)\n    9\n"
                "    >>> square(x=-2)\n    4\n    '''\n"
                "    return x * x\n"
            )
        },
    )
    inputs = collect_inputs(sandbox, parse_target("m.py::square", ws))
    assert (inputs.from_doctest, inputs.from_tests, inputs.generated) == (2, 0, 0)


def test_explicit_inputs_file(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path,
        {
            "m.py": "def scale(xs, k=2):\n    return [x * k for x in xs]\n",
            "afterburner_inputs.py": (
                "def inputs_scale():\n    yield ([1, 2],)\n    yield {'xs': [3], 'k': 5}\n"
            ),
        },
    )
    inputs = collect_inputs(sandbox, parse_target("m.py::scale", ws))
    assert inputs.from_explicit == 2


def test_generated_from_type_hints_only_when_nothing_real(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path, {"m.py": "def count(xs: list[int], y: int) -> int:\n    return xs.count(y)\n"}
    )
    inputs = collect_inputs(sandbox, parse_target("m.py::count", ws))
    assert inputs.generated > 5 and inputs.from_tests == 0


def test_no_inputs_names_every_way_to_provide_them(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {"m.py": "def f(x):\n    return x\n"})
    with pytest.raises(NoInputsError) as err:
        collect_inputs(sandbox, parse_target("m.py::f", ws))
    message = str(err.value)
    for hint in ("pytest test", "doctest", "type hints", "afterburner_inputs.py", "inputs_f"):
        assert hint in message


def test_module_that_fails_to_import_is_a_clear_error(sandbox, tmp_path):
    ws = write_workspace(
        tmp_path, {"m.py": "import not_a_module_anywhere\n\ndef f(x: int) -> int:\n    return x\n"}
    )
    with pytest.raises(Exception, match="not_a_module_anywhere"):
        collect_inputs(sandbox, parse_target("m.py::f", ws))


@pytest.mark.skipif(not case_dirs(), reason="tests/fixtures/cases is not present")
def test_profile_reports_distribution_hot_lines_and_growth(sandbox, tmp_path):
    case = next(c for c in case_dirs() if c.name.startswith("p06"))
    ws = make_workspace(case, tmp_path / "ws")
    r = profile(sandbox, parse_target("mod.py::count_inversions", ws), budget_s=1.5)
    assert (
        r.per_call["n"] >= 3
        and r.per_call["median_s"] <= r.per_call["p90_s"] <= r.per_call["p99_s"]
    )
    assert r.memory["peak_bytes"] > 0  # the function builds a list per call
    shares = [h["share"] for h in r.hot_lines]
    assert shares == sorted(shares, reverse=True) and all(0 <= x <= 1 for x in shares)
    assert shares[0] > 0.1  # the hottest line takes a real share
    assert sum(shares) <= 1.0001
    assert any("ranking[i] > ranking[j]" in h["text"] for h in r.hot_lines[:3])
    assert r.complexity["exponent"] > 1.5  # a double loop over pairs


def test_a_function_reached_only_through_another_gets_inputs(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {
        "pkg/__init__.py": "from .text import shout\n",
        "pkg/text.py": "def _upper(s):\n    return s.upper()\n\n\ndef shout(s):\n"
                       "    return _upper(s) + '!'\n",
        "tests/test_text.py": "from pkg import shout\n\ndef test_shout():\n"
                              "    assert shout('a') == 'A!'\n    assert shout('bc') == 'BC!'\n",
    })  # fmt: skip
    inputs = collect_inputs(sandbox, parse_target("pkg/text.py::_upper", ws))
    assert inputs.from_tests == 2 and not inputs.problems


def test_warnings_turned_into_errors_by_the_users_config_still_yield_test_inputs(sandbox, tmp_path):
    # With Afterburner's development extra installed, pytest-asyncio warns at start-up, and
    # `filterwarnings = error` makes that an INTERNALERROR: the run is tried without it.
    ws = write_workspace(tmp_path, {
        "mod.py": "def total(xs):\n    return sum(xs)\n",
        "test_mod.py": "from mod import total\n\ndef test_total():\n"
                       "    assert total([1, 2]) == 3\n",
        "pytest.ini": "[pytest]\nfilterwarnings =\n    error\n",
    })  # fmt: skip
    inputs = collect_inputs(sandbox, parse_target("mod.py::total", ws))
    assert inputs.from_tests == 1
    for problem in inputs.problems:
        assert "development extra" in problem or "did not run" in problem


def test_a_pytest_that_cannot_start_is_reported_in_pytests_words(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {
        "mod.py": 'def total(xs):\n    """\n    >>> total([1, 2])\n    3\n    """\n'
                  "    return sum(xs)\n",
        "test_mod.py": "from mod import total\n\ndef test_total():\n    assert total([1]) == 1\n",
        "conftest.py": "import no_such_module_here\n",
    })  # fmt: skip
    inputs = collect_inputs(sandbox, parse_target("mod.py::total", ws))
    assert inputs.from_tests == 0 and inputs.from_doctest == 1
    assert inputs.problems[0].startswith("your tests did not run: pytest exited with status")
    assert "no_such_module_here" in inputs.problems[0]


def test_objects_of_test_modules_in_inputs_load_in_the_workers(sandbox, tmp_path):
    # tests/ has no __init__.py: pytest imports test_keys as a top-level module from there,
    # and the captured Key instances are pickled by reference to it.
    ws = write_workspace(tmp_path, {
        "keys.py": "def longest(items, key):\n    return max(items, key=key.size)\n",
        "tests/test_keys.py": "from keys import longest\n\nclass Key:\n"
                              "    def size(self, s):\n        return len(s)\n\n"
                              "def test_longest():\n"
                              "    assert longest(['a', 'bbb'], Key()) == 'bbb'\n",
    })  # fmt: skip
    target = parse_target("keys.py::longest", ws)
    inputs = collect_inputs(sandbox, target)
    assert inputs.from_tests == 1 and any(p.endswith("tests") for p in inputs.sys_path)
    source = "def longest(items, key):\n    return max(items, key=key.size)\n"
    result = verify(sandbox, target, source, inputs=inputs, settings=VerifySettings(budget_s=0.3))
    assert result.equivalent, result.reason


def test_a_generator_argument_is_captured_as_its_items_and_the_test_still_passes(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {
        "runs.py": "def total(values):\n    return sum(values)\n",
        "test_runs.py": "from runs import total\n\ndef test_total():\n"
                        "    assert total(x * x for x in range(4)) == 14\n"
                        "    assert total(map(int, '123')) == 6\n",
    })  # fmt: skip
    target = parse_target("runs.py::total", ws)
    inputs = collect_inputs(sandbox, target)
    assert inputs.from_tests == 2 and inputs.skipped_unpicklable == 0
    assert inputs.passing_tests  # the test got the same items
    result = verify(sandbox, target, "def total(values):\n    t = 0\n    for v in values:\n"
                    "        t += v\n    return t\n", inputs=inputs, settings=QUICK)  # fmt: skip
    assert result.equivalent, result.reason

def test_an_unbounded_iterator_argument_is_captured_as_a_prefix_and_said_so(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {
        "runs.py": "def pairs(values):\n    it = iter(values)\n"
                   "    for a in it:\n        yield a, next(it, None)\n",
        "test_runs.py": "from itertools import count, islice\nfrom runs import pairs\n\n"
                        "def test_pairs():\n"
                        "    got = list(islice(pairs(n for n in count(800)), 2))\n"
                        "    assert got == [(800, 801), (802, 803)]\n",
    })  # fmt: skip
    target = parse_target("runs.py::pairs", ws)
    inputs = collect_inputs(sandbox, target)
    assert inputs.calls_seen == 1  # one call, resumed twice
    assert inputs.from_tests == 1 and inputs.passing_tests  # the test saw its whole count()
    assert any("first 10,000 items" in note for note in inputs.notes), inputs.notes
    twin = ("def pairs(values):\n    it = iter(values)\n"
            "    for a in it:\n        b = next(it, None)\n        yield a, b\n")
    result = verify(sandbox, target, twin, inputs=inputs, settings=QUICK)
    assert result.equivalent, result.reason


def test_doctest_examples_of_the_class_that_set_up_their_arguments_first(sandbox, tmp_path):
    ws = write_workspace(tmp_path, {
        "codec.py": 'class Codec:\n    """\n    >>> text = "abbccc"\n'
                    "    >>> list(Codec.pairs(text))\n    [('a', 'b'), ('b', 'c')]\n"
                    '    """\n\n    @staticmethod\n    def pairs(s):\n'
                    "        return zip(s[::2], s[1::2])\n",
    })  # fmt: skip
    inputs = collect_inputs(sandbox, parse_target("codec.py::Codec.pairs", ws))
    assert inputs.from_doctest == 1


def test_a_linked_list_deeper_than_the_recursion_limit_is_captured(sandbox, tmp_path):
    # Real tests build long linked lists and deep trees; pickling one recurses once per node.
    files = {
        "nodes.py": (
            "class Node:\n"
            "    def __init__(self, val, nxt=None):\n"
            "        self.val, self.nxt = val, nxt\n\n\n"
            "def length(head):\n"
            "    n = 0\n"
            "    while head:\n"
            "        n, head = n + 1, head.nxt\n"
            "    return n\n"
        ),
        "test_nodes.py": (
            "from nodes import Node, length\n\n\n"
            "def test_long():\n"
            "    head = None\n"
            "    for i in range(20000):\n"
            "        head = Node(i, head)\n"
            "    assert length(head) == 20000\n"
            "    assert length(Node(1)) == 1\n"
        ),
    }
    ws = write_workspace(tmp_path, files)
    target = parse_target("nodes.py::length", ws)
    inputs = collect_inputs(sandbox, target)
    if worker_version(sandbox) >= (3, 12):
        # C recursion has a fixed limit there that no setting lifts: skipped, and said so.
        assert inputs.from_tests == 1 and inputs.skipped_unpicklable == 1, inputs.summary()
        assert any("cannot be pickled" in n for n in inputs.notes), inputs.notes
        return
    assert inputs.from_tests == 2 and inputs.skipped_unpicklable == 0, inputs.summary()
    r = profile(sandbox, target, inputs=inputs, budget_s=0.5)
    assert r.per_call["max_s"] > 20 * r.per_call["min_s"]  # the long list was timed too


def test_calls_are_recorded_without_a_tracer_slowing_the_suite(sandbox, tmp_path):
    """On 3.11 the target's own code records its calls once the tests are collected (no
    sys.settrace on every call of the suite); super(), recursion and a module imported only
    inside a test (still traced) keep working."""
    ws = write_workspace(tmp_path, {
        "shapes.py": "class Base:\n    def area(self, k):\n        return k\n\n\n"
                     "class Square(Base):\n    def area(self, k, *, scale=1):\n"
                     "        return super().area(k) * k * scale\n\n\n"
                     "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\n",
        "late.py": "def late(x):\n    return x * 3\n",
        "test_shapes.py": "import sys\nfrom shapes import Square, depth\n\n"
                          "def test_area():\n    assert Square().area(3, scale=2) == 18\n"
                          "    assert depth(5) == 5\n"
                          "    assert sys.gettrace() is None  # no tracer on this test\n\n"
                          "def test_late():\n    from late import late\n"
                          "    assert late(2) == 6\n",
    })  # fmt: skip
    area = collect_inputs(sandbox, parse_target("shapes.py::Square.area", ws))
    assert area.from_tests == 1 and area.passing_tests == ["test_shapes.py::test_area"]
    recursive = collect_inputs(sandbox, parse_target("shapes.py::depth", ws))
    assert recursive.calls_seen == 1 and recursive.from_tests == 1  # the outermost call
    late = collect_inputs(sandbox, parse_target("late.py::late", ws))
    assert late.from_tests == 1 and late.passing_tests


def test_odd_arguments_and_modules_never_break_the_users_tests(sandbox, tmp_path):
    """A generator argument that raises meets the function where it would have; a module too
    deep for the compiler to copy keeps the tracer; a recursive generator is one call."""
    deep = "WEIGHTS = " + " + ".join(["1"] * 1500) + "\n\n"  # ast.parse: yes; compile: no
    ws = write_workspace(tmp_path, {
        "feed.py": deep + "def total(values):\n    return sum(values)\n\n\n"
                   "def walk(n):\n    yield n\n    if n:\n        yield from walk(n - 1)\n",
        "test_feed.py": "import pytest\nfrom feed import total, walk\n\n"
                        "def broken():\n    yield 1\n    raise ValueError('feed')\n\n"
                        "def test_total():\n    with pytest.raises(ValueError):\n"
                        "        total(broken())\n    assert total([1, 2]) == 3\n\n"
                        "def test_walk():\n    assert list(walk(3)) == [3, 2, 1, 0]\n",
    })  # fmt: skip
    total = collect_inputs(sandbox, parse_target("feed.py::total", ws))
    assert total.passing_tests == ["test_feed.py::test_total"]
    assert total.calls_seen == 2 and total.from_tests == 1  # the broken feed is not kept
    walk = collect_inputs(sandbox, parse_target("feed.py::walk", ws))
    assert walk.calls_seen == 1 and walk.passing_tests == ["test_feed.py::test_walk"]
