"""Typed, defaulted settings from `workspace/configuration` (section `afterburner`) or
`initializationOptions`. A bad value is reported and replaced by its default, never fatal."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from afterburner.model.backends import BACKENDS, BackendConfig

# camelCase keys as the editors send them -> field names
_KEYS = {
    "backend": "backend",
    "baseUrl": "base_url",
    "model": "model",
    "apiKey": "api_key",
    "device": "device",
    "rounds": "rounds",
    "k": "k",
    "temperature": "temperature",
    "maxTokens": "max_tokens",
    "timeout": "timeout_s",
    "seed": "seed",
    "timeBudget": "time_budget_s",
    "profileOnSave": "profile_on_save",
    "python": "python",
    "threshold": "threshold",
    "equivalence.floatTolerance": "float_tolerance",
}
_NUMBERS = ("temperature", "time_budget_s", "threshold", "float_tolerance", "timeout_s", "seed")


@dataclass(frozen=True)
class Settings:
    backend: str = "rules"
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    device: str | None = None
    rounds: int = 10
    k: int = 4
    temperature: float = 0.7
    max_tokens: int = 2048  # per completion
    timeout_s: float = 120.0  # one request to the model
    seed: int = 0  # base sampling seed; each round derives its own
    time_budget_s: float = 300.0
    profile_on_save: bool = True
    python: str | None = None  # the workspace interpreter; default: the server's
    threshold: float = 1.05
    float_tolerance: float = 0.0  # relative difference of floats still called equal


def _check(name: str, value: Any) -> str | None:
    if name == "backend" and value not in BACKENDS:
        return f"unknown backend {value!r} (choose one of {', '.join(BACKENDS)})"
    if name in ("rounds", "k", "max_tokens") and (
        not isinstance(value, int) or isinstance(value, bool) or value < 1
    ):
        return f"{name} must be a positive integer, not {value!r}"
    if name in _NUMBERS and (
        not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0
    ):
        return f"{name} must be a non-negative number, not {value!r}"
    if name == "float_tolerance" and value > 0.01:
        return f"equivalence.floatTolerance is relative: at most 0.01, not {value!r}"
    if name == "threshold" and value < 1:
        return f"threshold must be at least 1, not {value!r}"
    if name == "profile_on_save" and not isinstance(value, bool):
        return f"profileOnSave must be true or false, not {value!r}"
    if name in ("base_url", "model", "api_key", "device", "python") and not (
        value is None or isinstance(value, str)
    ):
        return f"{name} must be a string, not {value!r}"
    return None


def parse_settings(raw: Any, base: Settings | None = None) -> tuple[Settings, list[str]]:
    """Settings from a client's dict, and one message per rejected value."""
    settings = base or Settings()
    if not isinstance(raw, dict):
        return settings, [] if raw is None else [f"settings must be an object, not {raw!r}"]
    known = {f.name for f in fields(Settings)}
    changes, errors = {}, []
    for key, value in _flat(raw).items():
        name = _KEYS.get(key, key)
        if name not in known:
            continue  # settings of other tools or newer versions
        if value is None or value == "":
            value = getattr(Settings(), name)
        problem = _check(name, value)
        if problem:
            errors.append(f"afterburner.{key}: {problem}; using {getattr(settings, name)!r}")
        else:
            changes[name] = float(value) if name in _NUMBERS else value
    return replace(settings, **changes), errors


def _flat(raw: dict) -> dict:
    """`{"equivalence": {"floatTolerance": x}}` (how VS Code sends a dotted setting) and
    `{"equivalence.floatTolerance": x}` alike."""
    out = {}
    for key, value in raw.items():
        if isinstance(value, dict) and key == "equivalence":
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def backend_config(settings: dict) -> BackendConfig:
    """The backend that settings (`Settings`, as a dict) name."""
    return BackendConfig(
        backend=settings["backend"],
        base_url=settings["base_url"],
        model=settings["model"],
        api_key=settings["api_key"],
        device=settings["device"],
    )
