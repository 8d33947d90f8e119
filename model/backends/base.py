"""The one interface every backend implements: a batch of prompts in, k completions each out.

Backends differ only in how they produce text; parsing, verification and the loop are
shared (`model/parse.py`, `model/loop.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from afterburner.sandbox.errors import UserError


class BackendError(UserError):
    """A backend cannot serve: unreachable server, unknown model, missing checkpoint, missing
    package. The message says what to do next."""


@dataclass(frozen=True)
class Tried:
    """An earlier attempt and what the verifier said of it: rule-based backends choose what
    to try next from these."""

    code: str
    status: str  # a Candidate status: "faster", "not faster", "rejected", ...
    note: str = ""  # the backend's own note (`rule <id>: ...` for rules)


@dataclass(frozen=True)
class Prompt:
    messages: list[dict[str, str]]  # chat messages: [{"role": "system"|"user", "content": ...}]
    code: str  # the current source of the function being optimized (for rule-based backends)
    function_name: str
    # per parameter, the type its inputs showed ("list[int]"): evidence for rule-based backends
    observed_types: dict[str, str] = field(default_factory=dict)
    tried: tuple[Tried, ...] = ()

    @classmethod
    def from_dict(cls, data: dict) -> Prompt:
        """The inverse of `dataclasses.asdict` (prompts cross a process boundary as dicts)."""
        tried = tuple(Tried(**t) for t in data.get("tried", ()))
        return cls(**{**data, "tried": tried})


@dataclass(frozen=True)
class GenerationSettings:
    k: int = 4  # completions per prompt
    temperature: float = 0.7  # the paper evaluates at 0; sampling gives k distinct tries
    max_tokens: int = 2048
    timeout_s: float = 120.0  # per request
    seed: int | None = None


@dataclass(frozen=True)
class BackendConfig:
    """Everything any backend may need; each reads only its own fields."""

    backend: str = "rules"
    base_url: str | None = None  # openai: e.g. http://127.0.0.1:8000/v1
    model: str | None = None  # openai model name; transformers/vllm: local path or cache name
    api_key: str | None = None
    device: str | None = None  # transformers: "cpu", "cuda", ...; default: cuda if available
    retries: int = 2
    extra: dict = field(default_factory=dict)


class Backend(Protocol):
    name: str

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        """For each prompt, up to settings.k completions (raw text). Raises BackendError when
        the backend cannot serve at all; a malformed completion is returned as is."""
        ...

    def close(self) -> None:
        """Release servers, processes or GPU memory held by the backend."""
        ...


def completions_per_prompt(settings: GenerationSettings) -> int:
    """How many completions a local model should sample: k, or one at temperature 0, where
    greedy decoding would give k identical copies (the loop drops duplicates anyway)."""
    return 1 if settings.temperature <= 0 else max(0, settings.k)
