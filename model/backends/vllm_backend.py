"""A backend that runs a local checkpoint in-process with vLLM (CUDA GPUs only): the fastest way
to sample k completions from the paper's model on one machine.

Why in-process rather than starting and managing a `vllm serve` process: it is the simplest
thing that works (no port, no health checks, no orphaned server when the editor crashes), and
one process owning the GPU is exactly the single-user command-line case. Its costs: the model
loads on every start (tens of seconds) and the GPU is held for the backend's lifetime. For the
editor, for a team, or for several editor windows, run `vllm serve MODEL` once and use the
openai backend against it: that is the recommended route for the language server.

Options from BackendConfig.extra: gpu_memory_utilization (0.85), max_model_len (8192),
tensor_parallel_size (1). config.device is ignored: vLLM uses the GPUs CUDA_VISIBLE_DEVICES
shows it. At temperature 0 each prompt gets one greedy completion, as in the transformers
backend (k greedy copies would be identical).
"""

from __future__ import annotations

import gc
import logging
import threading
from typing import Any

from afterburner.model.backends.base import (
    BackendConfig,
    BackendError,
    GenerationSettings,
    Prompt,
    completions_per_prompt,
)
from afterburner.model.backends.transformers_backend import plain_prompt
from afterburner.model.checkpoints import DEFAULT_CHECKPOINT, resolve_checkpoint

log = logging.getLogger(__name__)

MISSING_VLLM = (
    "vLLM is not installed: pip install 'afterburner-lsp[vllm]' (CUDA GPUs only); or serve the "
    "model once with `vllm serve MODEL` and use the openai backend"
)
DEFAULTS: dict[str, Any] = {
    "gpu_memory_utilization": 0.85,
    "max_model_len": 8192,
    "tensor_parallel_size": 1,
}


class VLLMBackend:
    """k completions per prompt from a checkpoint loaded into an in-process `vllm.LLM`."""

    name = "vllm"

    def __init__(self, config: BackendConfig) -> None:
        # The path first: a mistyped one is named whether or not vLLM is installed.
        self.path: str = resolve_checkpoint(config.model or DEFAULT_CHECKPOINT)
        try:
            import vllm
        except ImportError:
            raise BackendError(MISSING_VLLM) from None
        except Exception as exc:  # installed but broken: CUDA libraries, torch mismatch, ...
            raise BackendError(
                f"vLLM is installed but cannot be imported ({type(exc).__name__}: {exc}); "
                f"check its install against your CUDA/torch versions, or serve the model with "
                f"`vllm serve MODEL` and use the openai backend"
            ) from exc
        self._vllm = vllm
        try:
            self.options: dict[str, Any] = {
                "gpu_memory_utilization": float(
                    config.extra.get("gpu_memory_utilization", DEFAULTS["gpu_memory_utilization"])
                ),
                "max_model_len": int(config.extra.get("max_model_len", DEFAULTS["max_model_len"])),
                "tensor_parallel_size": int(
                    config.extra.get("tensor_parallel_size", DEFAULTS["tensor_parallel_size"])
                ),
            }
        except (TypeError, ValueError) as exc:
            raise BackendError(f"bad vLLM option in the backend config: {exc}") from None
        self._lock = threading.Lock()
        try:
            self._llm: Any = vllm.LLM(model=self.path, tokenizer=self.path, **self.options)
        except Exception as exc:  # no GPU, out of memory, unsupported architecture, bad files
            raise BackendError(
                f"vLLM cannot load the checkpoint at {self.path} ({type(exc).__name__}: "
                f"{str(exc).strip()[:300]}); check the GPU (nvidia-smi), lower "
                f"gpu_memory_utilization / max_model_len, or use the transformers backend"
            ) from exc
        tokenizer = self._llm.get_tokenizer()
        # llm.chat needs a chat template; a base model gets a plain "Role: text" prompt instead.
        self._chat = bool(getattr(tokenizer, "chat_template", None))

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        """For each prompt, settings.k sampled completions, or one greedy completion when
        settings.temperature is 0."""
        if not prompts:
            return []
        if settings.k <= 0:
            return [[] for _ in prompts]
        llm = self._loaded()
        greedy = settings.temperature <= 0
        params = self._vllm.SamplingParams(
            n=completions_per_prompt(settings),
            temperature=0.0 if greedy else settings.temperature,
            max_tokens=settings.max_tokens,
            seed=settings.seed,
        )
        try:
            with self._lock:
                if self._chat:
                    results = llm.chat(
                        [p.messages for p in prompts], sampling_params=params, use_tqdm=False
                    )
                else:
                    results = llm.generate(
                        [plain_prompt(p.messages) for p in prompts],
                        sampling_params=params,
                        use_tqdm=False,
                    )
        except BackendError:
            raise
        except Exception as exc:  # e.g. a prompt longer than max_model_len, CUDA errors
            raise BackendError(
                f"vLLM generation with {self.path} failed ({type(exc).__name__}: "
                f"{str(exc).strip()[:300]}); lower -k or --max-tokens, or raise max_model_len"
            ) from exc
        return [[o.text for o in r.outputs] for r in results]

    def close(self) -> None:
        with self._lock:
            llm, self._llm = self._llm, None
        if llm is None:
            return
        # Best effort: vLLM's engine runs worker processes that hold the GPU until shut down.
        try:
            llm.llm_engine.engine_core.shutdown()
        except Exception:
            pass
        del llm
        gc.collect()
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except Exception as exc:
            log.debug("vllm backend: freeing the CUDA cache failed: %s", exc)

    def _loaded(self) -> Any:
        if self._llm is None:
            raise BackendError("the vllm backend was closed; create a new one")
        return self._llm
