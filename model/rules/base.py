"""The rule abstraction: a rule finds one site it can rewrite safely and edits it in place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .analysis import Facts
from .ast_tools import FunctionNode, clone

MAX_SITES = 16  # a rule rewrites at most this many sites of one function


@dataclass
class Context:
    """State shared by the rules applied to one candidate: the imports they need."""

    imports: dict[str, str] = field(default_factory=dict)  # local name -> import line
    # parameter -> type hint its captured inputs showed; taken where the source declares none
    evidence: dict[str, str] = field(default_factory=dict)

    def copy(self) -> Context:
        return Context(dict(self.imports), self.evidence)

    def import_from(self, facts: Facts, module: str, name: str) -> str:
        """A local name bound to `module.name` by an import line of the candidate file."""
        plain = f"from {module} import {name}"
        for local, line in self.imports.items():
            if (line == plain or line.startswith(f"{plain} as ")) and local not in facts.bound:
                return local
        local = name
        if local in facts.identifiers or local in self.imports:
            local = facts.fresh(f"_{name}", set(self.imports))
        line = f"from {module} import {name}" + (f" as {local}" if local != name else "")
        self.imports[local] = line
        facts.identifiers.add(local)
        return local

    def header(self) -> str:
        lines = sorted(set(self.imports.values()))
        return "\n".join(lines) + "\n\n\n" if lines else ""


# A site rewriter: edits `facts.fn` at one site and returns True, or returns False untouched.
Rewriter = Callable[[Facts, Context], bool]


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    rewrite_one: Rewriter

    def apply(self, fn: FunctionNode, ctx: Context | None = None) -> FunctionNode | None:
        """A rewritten copy of `fn` with every site this rule can handle, or None. The
        imports the rewrite needs are added to `ctx`."""
        ctx = ctx if ctx is not None else Context()
        new = clone(fn)
        trial = ctx.copy()
        changed = False
        for _ in range(MAX_SITES):
            attempt = clone(new)  # a declined site must leave no partial edit behind
            facts = Facts(attempt, frozenset(trial.imports), trial.evidence)
            if not self.rewrite_one(facts, trial):
                break
            new, changed = attempt, True
        if not changed:
            return None
        ctx.imports.update(trial.imports)
        return new
