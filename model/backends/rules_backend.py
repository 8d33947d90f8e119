"""The `rules` backend: the built-in catalogue of AST rewrites, no model at all.

Its proposals are formatted like a model's reply and go through the same parser and the
same verifier: nothing a rule writes is trusted without verification.
"""

from __future__ import annotations

from afterburner.model.rules import propose

from .base import BackendConfig, GenerationSettings, Prompt


class RulesBackend:
    name = "rules"

    def __init__(self, config: BackendConfig | None = None) -> None:
        self.config = config

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        replies = []
        for prompt in prompts:
            rewrites = propose(prompt.code)
            # The combination first: when several rules apply it is usually the fastest.
            rewrites.sort(key=lambda r: r.rule != "combined")
            replies.append(
                [
                    f"<thinking>rule {r.rule}: {r.description}</thinking>\n"
                    f"<solution>\n```python\n{r.source}```\n</solution>"
                    for r in rewrites[: settings.k]
                ]
            )
        return replies

    def close(self) -> None:
        pass
