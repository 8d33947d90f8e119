"""The vLLM backend (with a stand-in `vllm` module, since vLLM is never installed in CI; the real
one only where it and a CUDA GPU are present) and checkpoint resolution."""

from __future__ import annotations

import importlib.util
import sys
import types
from dataclasses import dataclass, field
from typing import Any

import pytest

from afterburner.model.backends.base import (
    BackendConfig,
    BackendError,
    GenerationSettings,
    Prompt,
)
from afterburner.model.backends.vllm_backend import DEFAULTS, VLLMBackend
from afterburner.model.checkpoints import DEFAULT_CHECKPOINT, resolve_checkpoint
from tests.model.tiny_checkpoint import fake_hf_cache

PROMPTS = [
    Prompt(
        messages=[
            {"role": "system", "content": "You optimize Python."},
            {"role": "user", "content": "def f(): pass"},
        ],
        code="def f(): pass",
        function_name="f",
    ),
    Prompt(messages=[{"role": "user", "content": "x"}], code="", function_name="g"),
]


# -- a stand-in for the vllm package ---------------------------------------------------------


@dataclass
class _Completion:
    text: str


@dataclass
class _RequestOutput:
    outputs: list[_Completion]


@dataclass
class _SamplingParams:
    n: int = 1
    temperature: float = 1.0
    max_tokens: int = 16
    seed: int | None = None


@dataclass
class _FakeLLM:
    kwargs: dict[str, Any]
    chat_template: str | None = "{{ messages }}"
    calls: list[tuple[str, Any, _SamplingParams]] = field(default_factory=list)

    def get_tokenizer(self) -> Any:
        return types.SimpleNamespace(chat_template=self.chat_template)

    def _answer(self, n: int, params: _SamplingParams) -> list[_RequestOutput]:
        return [
            _RequestOutput([_Completion(f"p{i}-c{j}") for j in range(params.n)]) for i in range(n)
        ]

    def chat(self, messages: Any, sampling_params: _SamplingParams, use_tqdm: bool = True):
        self.calls.append(("chat", messages, sampling_params))
        return self._answer(len(messages), sampling_params)

    def generate(self, prompts: Any, sampling_params: _SamplingParams, use_tqdm: bool = True):
        self.calls.append(("generate", prompts, sampling_params))
        return self._answer(len(prompts), sampling_params)


@pytest.fixture
def fake_vllm(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    made: list[_FakeLLM] = []
    module = types.ModuleType("vllm")
    state = types.SimpleNamespace(made=made, chat_template="{{ messages }}", fail=None)

    def llm(**kwargs: Any) -> _FakeLLM:
        if state.fail is not None:
            raise state.fail
        made.append(_FakeLLM(kwargs, chat_template=state.chat_template))
        return made[-1]

    module.LLM = llm
    module.SamplingParams = _SamplingParams
    monkeypatch.setitem(sys.modules, "vllm", module)
    return state


# -- without vllm --------------------------------------------------------------------------


def test_without_vllm_the_error_names_the_extra(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vllm", None)  # `import vllm` now raises ImportError
    with pytest.raises(BackendError) as err:
        VLLMBackend(BackendConfig(backend="vllm", model=str(tmp_path)))
    message = str(err.value)
    assert "pip install 'afterburner-lsp[vllm]'" in message
    assert "vllm serve" in message and "openai backend" in message


# -- with a stand-in vllm ------------------------------------------------------------------


def test_loads_the_resolved_path_with_default_options(tmp_path, fake_vllm) -> None:
    backend = VLLMBackend(BackendConfig(backend="vllm", model=str(tmp_path)))
    (llm,) = fake_vllm.made
    assert llm.kwargs == {"model": str(tmp_path), "tokenizer": str(tmp_path), **DEFAULTS}
    assert DEFAULTS == {
        "gpu_memory_utilization": 0.85,
        "max_model_len": 8192,
        "tensor_parallel_size": 1,
    }
    backend.close()


def test_options_from_extra(tmp_path, fake_vllm) -> None:
    extra = {"gpu_memory_utilization": "0.5", "max_model_len": 4096, "tensor_parallel_size": 2}
    VLLMBackend(BackendConfig(model=str(tmp_path), extra=extra))
    kwargs = fake_vllm.made[0].kwargs
    assert kwargs["gpu_memory_utilization"] == 0.5
    assert kwargs["max_model_len"] == 4096 and kwargs["tensor_parallel_size"] == 2
    with pytest.raises(BackendError, match="bad vLLM option"):
        VLLMBackend(BackendConfig(model=str(tmp_path), extra={"max_model_len": "lots"}))


def test_sampling_uses_chat_with_n_equal_k(tmp_path, fake_vllm) -> None:
    backend = VLLMBackend(BackendConfig(model=str(tmp_path)))
    settings = GenerationSettings(k=3, temperature=0.7, max_tokens=64, seed=5)
    out = backend.generate(PROMPTS, settings)
    assert out == [["p0-c0", "p0-c1", "p0-c2"], ["p1-c0", "p1-c1", "p1-c2"]]
    (kind, messages, params) = fake_vllm.made[0].calls[0]
    assert kind == "chat"
    assert messages == [p.messages for p in PROMPTS]
    assert params == _SamplingParams(n=3, temperature=0.7, max_tokens=64, seed=5)


def test_greedy_asks_for_one_completion(tmp_path, fake_vllm) -> None:
    backend = VLLMBackend(BackendConfig(model=str(tmp_path)))
    out = backend.generate(PROMPTS, GenerationSettings(k=4, temperature=0, max_tokens=8))
    assert out == [["p0-c0"], ["p1-c0"]]
    params = fake_vllm.made[0].calls[0][2]
    assert params.n == 1 and params.temperature == 0.0


def test_without_a_chat_template_prompts_are_plain_text(tmp_path, fake_vllm) -> None:
    fake_vllm.chat_template = None
    backend = VLLMBackend(BackendConfig(model=str(tmp_path)))
    backend.generate(PROMPTS[:1], GenerationSettings(k=1, temperature=0.5))
    kind, prompts, _ = fake_vllm.made[0].calls[0]
    assert kind == "generate"
    assert prompts == ["System: You optimize Python.\n\nUser: def f(): pass\n\nAssistant:"]


def test_load_failure_names_the_checkpoint(tmp_path, fake_vllm) -> None:
    fake_vllm.fail = RuntimeError("CUDA out of memory")
    with pytest.raises(BackendError) as err:
        VLLMBackend(BackendConfig(model=str(tmp_path)))
    assert str(tmp_path) in str(err.value) and "CUDA out of memory" in str(err.value)


def test_edge_cases_and_close(tmp_path, fake_vllm) -> None:
    backend = VLLMBackend(BackendConfig(model=str(tmp_path)))
    assert backend.generate([], GenerationSettings()) == []
    assert backend.generate(PROMPTS, GenerationSettings(k=0)) == [[], []]
    backend.close()
    backend.close()
    with pytest.raises(BackendError, match="closed"):
        backend.generate(PROMPTS, GenerationSettings())


# -- the real vllm, where it can run ---------------------------------------------------------


def _cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("vllm") is None or not _cuda_available(),
    reason="needs vllm and a CUDA GPU",
)
def test_real_vllm_generates_with_the_tiny_checkpoint(tiny_checkpoint: str) -> None:
    extra = {"gpu_memory_utilization": 0.3, "max_model_len": 512}
    backend = VLLMBackend(BackendConfig(backend="vllm", model=tiny_checkpoint, extra=extra))
    try:
        out = backend.generate(PROMPTS, GenerationSettings(k=2, temperature=0.8, max_tokens=8))
        assert [len(texts) for texts in out] == [2, 2]
        assert all(isinstance(t, str) for texts in out for t in texts)
    finally:
        backend.close()


# -- resolve_checkpoint --------------------------------------------------------------------


def test_resolve_an_existing_directory(tmp_path) -> None:
    assert resolve_checkpoint(str(tmp_path)) == str(tmp_path)


def test_resolve_a_file_is_an_error(tmp_path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"")
    with pytest.raises(BackendError, match="not a checkpoint directory"):
        resolve_checkpoint(str(weights))


def test_resolve_a_missing_path(tmp_path, no_network: list[str]) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(BackendError) as err:
        resolve_checkpoint(str(missing))
    assert f"no checkpoint directory at {missing}" in str(err.value)
    assert f"hf download {DEFAULT_CHECKPOINT}" in str(err.value)
    assert no_network == []


def test_resolve_a_name_missing_from_the_cache_offline(tmp_path, no_network: list[str]) -> None:
    pytest.importorskip("huggingface_hub")
    with pytest.raises(BackendError) as err:
        resolve_checkpoint(DEFAULT_CHECKPOINT, cache_dir=tmp_path)
    message = str(err.value)
    assert f"model {DEFAULT_CHECKPOINT!r}" in message and str(tmp_path) in message
    assert f"hf download {DEFAULT_CHECKPOINT}" in message
    assert f"huggingface-cli download {DEFAULT_CHECKPOINT}" in message
    assert "--model" in message
    assert no_network == []


def test_resolve_a_cached_name(tmp_path, no_network: list[str]) -> None:
    pytest.importorskip("huggingface_hub")
    snapshot = fake_hf_cache(tmp_path, "someone/some-model")
    assert resolve_checkpoint("someone/some-model", cache_dir=tmp_path) == str(snapshot)
    assert no_network == []


def test_resolve_an_invalid_name(tmp_path) -> None:
    pytest.importorskip("huggingface_hub")
    with pytest.raises(BackendError, match="neither a local directory nor in the"):
        resolve_checkpoint("not a repo id!", cache_dir=tmp_path)
    with pytest.raises(BackendError, match="no model given"):
        resolve_checkpoint("  ")
