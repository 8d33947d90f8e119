"""A tiny random-weight Qwen2 checkpoint with a real tokenizer and ChatML chat template, built
on the spot so backend tests load, template and generate without any download.

The text it generates is garbage; the plumbing is what is under test. Hidden size 128 with 2
heads gives a head dimension of 64, which vLLM's attention kernels accept too.
"""

from __future__ import annotations

from pathlib import Path

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

# ChatML, as Qwen2.5 renders it (without Qwen's default system message).
CHATML_TEMPLATE = (
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
)

_CORPUS = '''
def fib(n: int) -> int:
    """The n-th Fibonacci number."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def slow_sum(values: list[int]) -> int:
    total = 0
    for i in range(len(values)):
        total = total + values[i]
    return total


def fast_sum(values: list[int]) -> int:
    return sum(values)


def unique(items):
    seen = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


class Counter:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1


```python
def is_prime(n):
    if n < 2:
        return False
    return all(n % d for d in range(2, int(n ** 0.5) + 1))
```
Make this function faster. Keep the same behaviour and signature.
'''


def build_tiny_checkpoint(path: str | Path) -> str:
    """Write a tokenizer + random-weight Qwen2ForCausalLM to `path`; return it as a string.
    Takes well under a second on a CPU."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import (
        GenerationConfig,
        PreTrainedTokenizerFast,
        Qwen2Config,
        Qwen2ForCausalLM,
    )

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)

    # Byte-level BPE like Qwen's, so any text (unicode included) round-trips.
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(_CORPUS.splitlines() * 4, trainer)

    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        additional_special_tokens=["<|im_start|>"],
    )
    tokenizer.chat_template = CHATML_TEMPLATE
    tokenizer.save_pretrained(out)

    eos_id = tokenizer.convert_tokens_to_ids("<|im_end|>")
    pad_id = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    config = Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=128,
        intermediate_size=256,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        # Larger than the usual 0.02, so greedy output varies with the prompt instead of
        # repeating one token: batched vs. single generation then shows padding bugs.
        initializer_range=0.2,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
    )
    torch.manual_seed(0)  # the same weights every build
    model = Qwen2ForCausalLM(config).eval()
    model.generation_config = GenerationConfig(eos_token_id=[eos_id, pad_id], pad_token_id=pad_id)
    model.save_pretrained(out)
    return str(out)


def fake_hf_cache(cache_dir: str | Path, repo_id: str, source: str | Path | None = None) -> Path:
    """Lay out `repo_id` in a Hugging Face hub cache the way `hf download` leaves it
    (refs/main -> snapshots/<commit>/), with the files of `source` (or a bare config.json).
    Returns the snapshot directory."""
    import shutil

    repo = Path(cache_dir) / ("models--" + repo_id.replace("/", "--"))
    commit = "0123456789abcdef0123456789abcdef01234567"
    snapshot = repo / "snapshots" / commit
    if source is not None:
        shutil.copytree(source, snapshot)
    else:
        snapshot.mkdir(parents=True)
        (snapshot / "config.json").write_text("{}")
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    return snapshot
