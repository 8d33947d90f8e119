"""The `rules` backend: the built-in catalogue of AST rewrites, no model at all.

Its proposals are formatted like a model's reply and go through the same parser and the
same verifier: nothing a rule writes is trusted without verification. It runs the same
closed loop as a model: each round it proposes on the best code so far, leaves out what was
tried before, and keeps rules whose rewrites the verifier rejected out of combinations.
"""

from __future__ import annotations

from afterburner.model.rules import RuleRewrite, propose
from afterburner.sandbox.syntax import fingerprint

from .base import BackendConfig, GenerationSettings, Prompt


def _rule_of(note: str) -> str | None:
    return note.removeprefix("rule ").split(":")[0] if note.startswith("rule ") else None


def next_rewrites(prompt: Prompt) -> list[RuleRewrite]:
    """What to try next on `prompt.code`, best guess first: the combination (usually the
    fastest when several rules apply), then each rule alone; never a rewrite tried before."""
    rejected = frozenset(
        r for t in prompt.tried if t.status == "rejected" and (r := _rule_of(t.note)) is not None
    )
    done = {fingerprint(t.code) for t in prompt.tried}
    rewrites = propose(prompt.code, prompt.observed_types, avoid=rejected)
    fresh = [r for r in rewrites if fingerprint(r.source) not in done]
    fresh.sort(key=lambda r: r.rule != "combined")
    return fresh


class RulesBackend:
    name = "rules"

    def __init__(self, config: BackendConfig | None = None) -> None:
        self.config = config

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        return [
            [
                f"<thinking>rule {r.rule}: {r.description}</thinking>\n"
                f"<solution>\n```python\n{r.source}```\n</solution>"
                for r in next_rewrites(prompt)[: settings.k]
            ]
            for prompt in prompts
        ]

    def close(self) -> None:
        pass
