"""Backends behind one interface (`base.Backend`), chosen by name."""

from __future__ import annotations

import importlib

from .base import Backend, BackendConfig, BackendError, GenerationSettings, Prompt

# name -> (module, class); imported on demand so a missing optional package only matters
# to the backend that needs it.
BACKENDS = {
    "rules": ("rules_backend", "RulesBackend"),
    "openai": ("openai_backend", "OpenAIBackend"),
    "transformers": ("transformers_backend", "TransformersBackend"),
    "vllm": ("vllm_backend", "VLLMBackend"),
}

__all__ = [
    "BACKENDS",
    "Backend",
    "BackendConfig",
    "BackendError",
    "GenerationSettings",
    "Prompt",
    "make_backend",
]


def make_backend(config: BackendConfig) -> Backend:
    if config.backend not in BACKENDS:
        raise BackendError(
            f"unknown backend {config.backend!r}; choose one of {', '.join(BACKENDS)}"
        )
    module_name, class_name = BACKENDS[config.backend]
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, class_name)(config)
