"""The "rules" backend: deterministic, conservative AST rewrites of one slow function.

Each rule fires only where the function's own source proves the rewrite keeps the return
value and type, exceptions, argument mutation and printed output; a missed optimisation is
fine, a wrong rewrite is a bug. `propose` applies every rule alone and, when several apply,
all of them in sequence.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from afterburner.sandbox import syntax

from .ast_tools import FunctionNode, walk_scope
from .base import Context, Rule
from .catalogue import RULES

__all__ = ["RULES", "Rule", "RuleRewrite", "propose"]


@dataclass(frozen=True)
class RuleRewrite:
    rule: str  # stable kebab-case id, or "combined"
    description: str  # one human line
    source: str  # import lines first, then the full rewritten function


def _parse_function(function_source: str) -> ast.FunctionDef | None:
    try:
        tree = syntax.parse(function_source)
    except (SyntaxError, ValueError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        return None
    fn = tree.body[0]
    # Generators and functions that declare globals can be observed mid-loop: leave them be.
    if any(isinstance(n, ast.Yield | ast.YieldFrom | ast.Await | ast.Global | ast.Nonlocal)
           for n in walk_scope(fn.body)):
        return None
    return fn


def _signature(fn: FunctionNode) -> tuple[str, ...]:
    """Everything a rewrite must keep: name, parameters, annotations, decorators, docstring."""
    return (fn.name, ast.dump(fn.args), ast.dump(fn.returns) if fn.returns else "",
            *(ast.dump(d) for d in fn.decorator_list), str(ast.get_docstring(fn, clean=False)))


def _render(fn: FunctionNode, ctx: Context, original: FunctionNode) -> str | None:
    """The candidate file, or None when the result is not a faithful function."""
    try:
        text = ctx.header() + ast.unparse(ast.fix_missing_locations(fn)) + "\n"
        reparsed = syntax.parse(text).body[-1]
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not isinstance(reparsed, ast.FunctionDef) or _signature(reparsed) != _signature(original):
        return None
    return text


def _apply(rule: Rule, fn: FunctionNode, ctx: Context) -> FunctionNode | None:
    try:
        return rule.apply(fn, ctx)
    except Exception:  # noqa: BLE001 - a rule that trips on odd code simply does not apply
        return None


def _each(fn: FunctionNode, evidence: dict[str, str]) -> list[tuple[Rule, Context, str]]:
    """Every rule that applies to `fn` alone: the rule, its imports, the candidate file."""
    out = []
    for rule in RULES:
        ctx = Context(evidence=evidence)
        new = _apply(rule, fn, ctx)
        text = new and _render(new, ctx, fn)
        if text:
            out.append((rule, ctx, text))
    return out


def _combined(fn: FunctionNode, rules: list[Rule], evidence: dict[str, str]) -> RuleRewrite | None:
    """Every rule of `rules` applied in sequence, where each still applies after the others."""
    ctx, current, used = Context(evidence=evidence), fn, []
    for rule in rules:
        trial = ctx.copy()
        new = _apply(rule, current, trial)
        if new is not None and _render(new, trial, fn):
            current, ctx, used = new, trial, [*used, rule]
    text = _render(current, ctx, fn) if len(used) >= 2 else None
    if not text:
        return None
    return RuleRewrite("combined", "; ".join(r.description for r in used), text)


def propose(
    function_source: str,
    observed: dict[str, str] | None = None,
    avoid: frozenset[str] = frozenset(),
) -> list[RuleRewrite]:
    """One RuleRewrite per rule that applies to the function alone, plus a "combined" one
    applying every rule (but those in `avoid`) in sequence when two or more apply.

    `observed` maps parameters to the types their captured inputs showed ("list[int]"):
    evidence taken where the function declares no type. A rewrite that only this evidence
    allows says so in its description. Never raises; [] when nothing applies or the source
    is not a single plain `def`."""
    fn = _parse_function(function_source)
    if fn is None:
        return []
    evidence = dict(observed or {})
    rules = [r for r in RULES if r.id not in avoid]
    proven: set[str] = set()
    if evidence:  # what the source alone allows, to tell which rewrites rest on the evidence
        proven = {text for _, _, text in _each(fn, {})}
        both = _combined(fn, rules, {})
        proven |= {both.source} if both else set()
    seen = ", ".join(f"{k}: {v}" for k, v in evidence.items())

    def noted(rewrite: RuleRewrite) -> RuleRewrite:
        if not evidence or rewrite.source in proven:
            return rewrite
        return RuleRewrite(rewrite.rule, f"{rewrite.description} (assumes the argument types "
                           f"its inputs showed: {seen})", rewrite.source)  # fmt: skip

    out = [noted(RuleRewrite(r.id, r.description, text)) for r, _, text in _each(fn, evidence)]
    # Every rule is tried in sequence, also those that apply only after another one (a set
    # hoist on an attribute that the first rule made a local)
    if out:
        both = _combined(fn, rules, evidence)
        if both is not None and all(both.source != o.source for o in out):
            out.append(noted(both))
    return out
