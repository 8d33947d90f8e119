"""A backend that runs a local checkpoint in-process with Hugging Face transformers: the paper's
Afterburner model (default) or any chat-tuned causal LM, on CPU, CUDA or Apple MPS.

torch and transformers are imported when a backend is constructed, not when this module is,
so the rest of Afterburner works without the `train` extra installed.

Temperature 0 means greedy decoding, which is deterministic: asking for k > 1 greedy completions
would return k copies of one text, so at temperature 0 each prompt gets exactly one completion
(the Backend protocol promises "up to k"). Sampling (temperature > 0) returns k completions;
the checkpoint's own top_p/top_k/repetition_penalty defaults still apply.

config.device: "cpu", "cuda", "cuda:N", "mps", or None for CUDA, then MPS, then CPU. Weights load
in bf16 (fp16 where bf16 is unsupported) on GPUs and fp32 on CPU. settings.timeout_s bounds each
`generate` batch (transformers' max_time): completions are cut off there, with a warning.
config.extra["batch_size"]: sequences (prompts x completions) per forward pass, default 16.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from typing import Any

from afterburner.model.backends.base import (
    BackendConfig,
    BackendError,
    GenerationSettings,
    Prompt,
    completions_per_prompt,
)
from afterburner.model.checkpoints import DEFAULT_CHECKPOINT, resolve_checkpoint

log = logging.getLogger(__name__)

_MISSING = (
    "the transformers backend needs torch and transformers: pip install 'afterburner-lsp[train]'"
    " (or use the openai backend against a running `vllm serve`)"
)
DEFAULT_BATCH_SIZE = 16  # sequences (prompts x completions) per forward pass


def plain_prompt(messages: list[dict[str, str]]) -> str:
    """Chat messages as one text prompt, for tokenizers that have no chat template."""
    parts = [f"{m.get('role', 'user').capitalize()}: {m.get('content', '')}" for m in messages]
    return "\n\n".join(parts) + "\n\nAssistant:"


def render_messages(tokenizer: Any, messages: list[dict[str, str]]) -> str:
    """The prompt text a chat model expects: its own chat template when it has one."""
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    return plain_prompt(messages)


def _import_stack() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise BackendError(f"{_MISSING} ({exc})") from None
    return torch, transformers


def _pick_device(torch: Any, wanted: str | None) -> str:
    if not wanted or wanted == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    try:
        kind = torch.device(wanted).type
    except (RuntimeError, ValueError):
        raise BackendError(
            f"unknown device {wanted!r}; use cpu, cuda, cuda:N or mps (or leave it unset)"
        ) from None
    if kind == "cuda" and not torch.cuda.is_available():
        raise BackendError(
            f"device {wanted!r} asked for, but torch {torch.__version__} sees no CUDA GPU; "
            f"use --device cpu, or install a CUDA build of torch"
        )
    if kind == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise BackendError(f"device {wanted!r} asked for, but MPS is not available; use cpu")
    return wanted


def _pick_dtype(torch: Any, device: str) -> Any:
    # Half precision where the hardware is built for it; fp32 on CPU, where bf16/fp16 matmuls
    # are slow or unsupported.
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.startswith("mps"):
        return torch.float16
    return torch.float32


def _dtype_kwarg(transformers: Any) -> str:
    # `torch_dtype` was renamed `dtype` in transformers 4.56; older versions ignore `dtype`.
    try:
        major, minor = (int(x) for x in transformers.__version__.split(".")[:2])
    except ValueError:
        return "dtype"
    return "dtype" if (major, minor) >= (4, 56) else "torch_dtype"


class TransformersBackend:
    """k completions per prompt from a local checkpoint run with transformers' `generate`."""

    name = "transformers"

    def __init__(self, config: BackendConfig) -> None:
        # The path first: a mistyped one is named whether or not torch is installed.
        self.path: str = resolve_checkpoint(config.model or DEFAULT_CHECKPOINT)
        torch, transformers = _import_stack()
        self._torch = torch
        self.device: str = _pick_device(torch, config.device)
        self.dtype = _pick_dtype(torch, self.device)
        try:
            self._batch_size = max(1, int(config.extra.get("batch_size", DEFAULT_BATCH_SIZE)))
        except (TypeError, ValueError):
            raise BackendError(
                f"batch_size must be a whole number, not {config.extra.get('batch_size')!r}"
            ) from None
        self._lock = threading.Lock()  # one generate at a time: the model and the RNG are shared
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            model = transformers.AutoModelForCausalLM.from_pretrained(
                self.path, local_files_only=True, **{_dtype_kwarg(transformers): self.dtype}
            )
            model.to(self.device)
        except Exception as exc:  # corrupt files, unknown architecture, out of memory, ...
            raise BackendError(
                f"cannot load the checkpoint at {self.path} ({type(exc).__name__}: "
                f"{str(exc).strip()[:300]}); check that it is a complete causal-LM checkpoint "
                f"(config.json, tokenizer, weights) for this transformers "
                f"{transformers.__version__}, or re-download it"
            ) from exc
        model.eval()
        if tokenizer.pad_token is None:
            if tokenizer.eos_token is None:
                raise BackendError(
                    f"the tokenizer at {self.path} has neither a pad nor an eos token; "
                    f"it cannot be used for batched generation"
                )
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"  # decoder-only: new tokens follow the prompt directly
        if model.generation_config.pad_token_id is None:
            model.generation_config.pad_token_id = tokenizer.pad_token_id
        self._tokenizer: Any = tokenizer
        self._model: Any = model
        # A chat template inserts its own special tokens; a plain prompt gets the default ones.
        self._add_special_tokens = not getattr(tokenizer, "chat_template", None)

    def render(self, prompt: Prompt) -> str:
        """The exact text fed to the model for `prompt`."""
        return render_messages(self._loaded()[0], prompt.messages)

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        """For each prompt, settings.k sampled completions, or one greedy completion when
        settings.temperature is 0."""
        if not prompts:
            return []
        if settings.k <= 0:
            return [[] for _ in prompts]
        self._loaded()
        n = completions_per_prompt(settings)
        texts = [self.render(p) for p in prompts]
        per_batch = max(1, self._batch_size // n)
        results: list[list[str]] = []
        with self._lock:
            if settings.seed is not None:
                self._torch.manual_seed(settings.seed)
            for start in range(0, len(texts), per_batch):
                results.extend(self._generate_batch(texts[start : start + per_batch], n, settings))
        return results

    def close(self) -> None:
        with self._lock:
            model, self._model = self._model, None
            self._tokenizer = None
        if model is None:
            return
        del model
        gc.collect()
        if self.device.startswith("cuda"):
            self._torch.cuda.empty_cache()
        elif self.device.startswith("mps"):
            self._torch.mps.empty_cache()

    # -- internals ---------------------------------------------------------------------------

    def _loaded(self) -> tuple[Any, Any]:
        if self._model is None:
            raise BackendError("the transformers backend was closed; create a new one")
        return self._tokenizer, self._model

    def _generate_batch(
        self, texts: list[str], n: int, settings: GenerationSettings
    ) -> list[list[str]]:
        tokenizer, model = self._loaded()
        enc = tokenizer(
            texts,
            return_tensors="pt",
            padding=True,
            add_special_tokens=self._add_special_tokens,
        ).to(self.device)
        kwargs: dict[str, Any] = {
            "max_new_tokens": settings.max_tokens,
            "num_return_sequences": n,
            "pad_token_id": tokenizer.pad_token_id,
            "max_time": settings.timeout_s,  # stops the batch, keeping what was generated
        }
        if settings.temperature <= 0:
            # Override the checkpoint's sampling defaults (Qwen ships top_p/top_k) explicitly.
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        else:
            kwargs.update(do_sample=True, temperature=settings.temperature)
        started = time.monotonic()
        try:
            with self._torch.inference_mode():
                out = model.generate(**enc, **kwargs)
        except RuntimeError as exc:  # CUDA out of memory is a RuntimeError too
            raise BackendError(
                f"generation with the checkpoint at {self.path} failed on {self.device} "
                f"({str(exc).strip()[:300]}); lower -k or --max-tokens, or use another --device"
            ) from exc
        if time.monotonic() - started >= settings.timeout_s:
            log.warning(
                "transformers backend: generation stopped after the %g s timeout; completions "
                "may be cut off (lower -k or --max-tokens, or use a GPU)",
                settings.timeout_s,
            )
        new_tokens = out[:, enc["input_ids"].shape[1] :]
        decoded = tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
        return [decoded[i * n : (i + 1) * n] for i in range(len(texts))]
