"""Checks shared by the rule tests: a rule applies (or not), and its rewrite behaves exactly
like the original by the product's own comparer (value, type, exception, argument mutation,
printed output)."""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import textwrap

from afterburner.model import rules as rules_pkg
from afterburner.sandbox.child.encode import encode
from afterburner.sandbox.equality import difference

propose, RULES, RuleRewrite = rules_pkg.propose, rules_pkg.RULES, rules_pkg.RuleRewrite


# -- checks ----------------------------------------------------------------------------------


def _fn_name(source: str) -> str:
    return next(n.name for n in ast.parse(source).body if isinstance(n, ast.FunctionDef))


def _load(source: str, env: dict | None = None):
    namespace = dict(env or {})
    exec(compile(source, "<snippet>", "exec"), namespace)  # noqa: S102 - test snippets
    return namespace[_fn_name(source)]


def _outcome(fn, args: tuple) -> tuple:
    """What one call did, encoded as the sandbox encodes it (1, 1.0 and True differ; NaN
    equals NaN): ("returned" | "raised", value or exception type, arguments after, output)."""
    args = copy.deepcopy(args)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            value = fn(*args)
        except Exception as exc:  # noqa: BLE001 - the exception type is part of the behaviour
            return ("raised", type(exc).__name__, encode(list(args)), out.getvalue())
    return ("returned", encode(value), encode(list(args)), out.getvalue())


def differs(before, after, args: tuple) -> str | None:
    """Why two functions behave differently on args, by the product's comparer; None if not."""
    x, y = _outcome(before, args), _outcome(after, args)
    if x[0] != y[0]:
        return f"{x[0]} {x[1]} vs {y[0]} {y[1]}"
    if x[3] != y[3]:
        return "printed output differs"
    if x[0] == "raised":
        return None if x[1] == y[1] else f"raised {x[1]} vs {y[1]}"
    return difference(x[1], y[1]) or difference(x[2], y[2], "arguments after the call")


def assert_same(original: str, rewritten: str, inputs: list[tuple], env: dict | None = None):
    ast.parse(rewritten)
    before, after = _load(original, env), _load(rewritten, env)
    for args in inputs:
        why = differs(before, after, args)
        assert why is None, (args, why, rewritten)


def rewrite(rule_id: str, source: str) -> RuleRewrite | None:
    found = [r for r in propose(textwrap.dedent(source)) if r.rule == rule_id]
    return found[0] if found else None


def _rule(rule_id: str):
    return next(r for r in RULES if r.id == rule_id)


def check_rule(rule_id: str, source: str, inputs: list[tuple], env: dict | None = None) -> str:
    """The rule applies to `source` and the rewrite is equivalent on `inputs`."""
    source = textwrap.dedent(source)
    # Applied directly, so a crash inside the rule fails the test instead of being swallowed.
    direct = _rule(rule_id).apply(ast.parse(source).body[0])
    assert direct is not None, f"{rule_id} did not apply"
    found = rewrite(rule_id, source)
    assert found is not None, f"{rule_id} applied but propose dropped it"
    assert_same(source, found.source, inputs, env)
    return found.source


def check_not(rule_id: str, source: str) -> None:
    source = textwrap.dedent(source)
    assert _rule(rule_id).apply(ast.parse(source).body[0]) is None, source
    assert rewrite(rule_id, source) is None
