"""The transformers backend on a tiny random-weight checkpoint: shapes, determinism, the chat
template, and the errors a user sees for missing or broken checkpoints. The generated text is
garbage; only the plumbing is checked."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from afterburner.model.backends import make_backend
from afterburner.model.backends.base import (
    BackendConfig,
    BackendError,
    GenerationSettings,
    Prompt,
)
from afterburner.model.backends.transformers_backend import (
    TransformersBackend,
    plain_prompt,
    render_messages,
)
from tests.model.tiny_checkpoint import fake_hf_cache

PROMPTS = [
    Prompt(
        messages=[
            {"role": "system", "content": "You optimize Python."},
            {"role": "user", "content": "def f(xs):\n    return sum(xs)"},
        ],
        code="def f(xs):\n    return sum(xs)",
        function_name="f",
    ),
    Prompt(
        messages=[{"role": "user", "content": "x"}],
        code="def g():\n    pass",
        function_name="g",
    ),
]


@pytest.fixture(scope="module")
def backend(tiny_checkpoint: str):
    b = TransformersBackend(BackendConfig(backend="transformers", model=tiny_checkpoint))
    yield b
    b.close()


def test_k_sampled_completions_per_prompt(backend: TransformersBackend) -> None:
    out = backend.generate(PROMPTS, GenerationSettings(k=3, temperature=0.8, max_tokens=8, seed=1))
    assert len(out) == 2
    assert all(len(texts) == 3 for texts in out)
    assert all(isinstance(t, str) for texts in out for t in texts)
    assert backend.device == "cpu" or backend.device.startswith(("cuda", "mps"))


def test_seeded_sampling_repeats(backend: TransformersBackend) -> None:
    settings = GenerationSettings(k=2, temperature=1.0, max_tokens=8, seed=7)
    assert backend.generate(PROMPTS, settings) == backend.generate(PROMPTS, settings)


def test_greedy_is_deterministic_and_returns_one_completion(backend: TransformersBackend) -> None:
    settings = GenerationSettings(k=3, temperature=0, max_tokens=8)
    first = backend.generate(PROMPTS, settings)
    assert first == backend.generate(PROMPTS, settings)
    assert [len(texts) for texts in first] == [1, 1]  # k greedy copies would be identical
    assert first[0] != first[1]  # the tiny model's greedy output depends on the prompt


def test_left_padded_batch_matches_single_prompts(backend: TransformersBackend) -> None:
    settings = GenerationSettings(k=1, temperature=0, max_tokens=8)
    batched = backend.generate(PROMPTS, settings)
    singles = [backend.generate([p], settings)[0] for p in PROMPTS]
    assert batched == singles


def test_small_batch_size_splits_the_batch(tiny_checkpoint: str) -> None:
    config = BackendConfig(model=tiny_checkpoint, device="cpu", extra={"batch_size": 1})
    b = TransformersBackend(config)
    try:
        out = b.generate(PROMPTS * 2, GenerationSettings(k=2, temperature=0.7, max_tokens=4))
        assert [len(texts) for texts in out] == [2, 2, 2, 2]
    finally:
        b.close()


def test_render_uses_the_chat_template(backend: TransformersBackend) -> None:
    text = backend.render(PROMPTS[0])
    assert text.startswith("<|im_start|>system\nYou optimize Python.<|im_end|>\n")
    assert "<|im_start|>user\ndef f(xs):\n    return sum(xs)<|im_end|>\n" in text
    assert text.endswith("<|im_start|>assistant\n")


def test_no_chat_template_gives_a_plain_prompt() -> None:
    tokenizer = types.SimpleNamespace(chat_template=None)
    text = render_messages(tokenizer, PROMPTS[0].messages)
    assert text == plain_prompt(PROMPTS[0].messages)
    assert text.startswith("System: You optimize Python.\n\nUser: def f(xs):")
    assert text.endswith("\n\nAssistant:")


def test_edge_cases_and_close(tiny_checkpoint: str) -> None:
    b = TransformersBackend(BackendConfig(model=tiny_checkpoint, device="cpu"))
    assert b.generate([], GenerationSettings()) == []
    assert b.generate(PROMPTS, GenerationSettings(k=0)) == [[], []]
    b.close()
    b.close()  # idempotent
    with pytest.raises(BackendError, match="closed"):
        b.generate(PROMPTS, GenerationSettings(k=1, max_tokens=2))


def test_loads_by_cache_name_through_the_registry(
    tiny_checkpoint: str, tmp_path, monkeypatch: pytest.MonkeyPatch, no_network: list[str]
) -> None:
    import huggingface_hub

    snapshot = fake_hf_cache(tmp_path, "afterburner-tests/tiny", source=tiny_checkpoint)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    b = make_backend(BackendConfig(backend="transformers", model="afterburner-tests/tiny"))
    try:
        assert b.path == str(snapshot)
        out = b.generate(PROMPTS[:1], GenerationSettings(k=1, temperature=0, max_tokens=4))
        assert len(out) == 1
    finally:
        b.close()
    assert no_network == []


def test_missing_path_is_a_clear_error(tmp_path) -> None:
    pytest.importorskip("torch")
    missing = tmp_path / "no-such-checkpoint"
    with pytest.raises(BackendError) as err:
        TransformersBackend(BackendConfig(model=str(missing)))
    message = str(err.value)
    assert str(missing) in message and "--model" in message


def test_name_not_in_cache_never_touches_the_network(
    tmp_path, monkeypatch: pytest.MonkeyPatch, no_network: list[str]
) -> None:
    pytest.importorskip("torch")
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(BackendError) as err:
        TransformersBackend(BackendConfig(model="afterburner-tests/not-downloaded"))
    message = str(err.value)
    assert "nor in the Hugging Face cache" in message
    assert "hf download afterburner-tests/not-downloaded" in message
    assert no_network == []


def test_corrupt_checkpoint_names_the_path(tmp_path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{ this is not json")
    with pytest.raises(BackendError, match="cannot load the checkpoint at") as err:
        TransformersBackend(BackendConfig(model=str(broken), device="cpu"))
    assert str(broken) in str(err.value)


def test_unavailable_device_is_a_clear_error(tiny_checkpoint: str) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(BackendError, match="no CUDA GPU"):
        TransformersBackend(BackendConfig(model=tiny_checkpoint, device="cuda"))
    with pytest.raises(BackendError, match="unknown device"):
        TransformersBackend(BackendConfig(model=tiny_checkpoint, device="tpu-please"))


def test_missing_torch_says_which_extra(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    with pytest.raises(BackendError, match=r"pip install 'afterburner-lsp\[train\]'"):
        TransformersBackend(BackendConfig(model=str(tmp_path)))


def test_modules_import_without_torch_or_vllm() -> None:
    code = (
        "import sys\n"
        "for name in ('torch', 'transformers', 'vllm'):\n"
        "    sys.modules[name] = None\n"
        "import afterburner.model.checkpoints\n"
        "import afterburner.model.backends.transformers_backend\n"
        "import afterburner.model.backends.vllm_backend\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_timeout_cuts_generation_short_with_a_warning(
    backend: TransformersBackend, caplog: pytest.LogCaptureFixture
) -> None:
    settings = GenerationSettings(k=2, temperature=0.7, max_tokens=200, timeout_s=0.0)
    with caplog.at_level("WARNING"):
        out = backend.generate(PROMPTS[:1], settings)
    assert len(out) == 1 and len(out[0]) == 2
    assert "timeout" in caplog.text
