"""SFT, DPO and GRPO on TRL, from a Venus-like dataset (`data.load_dataset_rows`).

- SFT: the improvement prompt (`prompt.build_prompt`) for the slowest reference solution ->
  the fastest reference solution in the paper's <thinking>/<solution> format.
- DPO: the same prompt, chosen = the fastest solution, rejected = the slowest.
- GRPO: the prompt for the slowest solution; the reward (`reward.sandbox_rewards`) verifies
  and times every generated rewrite in the sandbox. Generation uses vLLM when it is
  importable (`use_vllm`), else transformers.

`config` (all optional): "lora" (bool), "lora_r", "lora_alpha", "learning_rate",
"batch_size", "gradient_accumulation_steps", "max_length" (SFT/DPO; None = no truncation),
"num_generations", "max_completion_length", "temperature", "reward_workers", "seed", and
"trl": a dict passed through to the TRL config (overrides everything else).

The final model and tokenizer are saved to output_dir (LoRA adapters merged first), loadable
by `TransformersBackend`.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
from pathlib import Path

from afterburner.sandbox.errors import UserError

from ..checkpoints import resolve_checkpoint
from .data import dpo_rows, grpo_rows, load_dataset_rows, sft_rows, usable_rows

METHODS = ("sft", "dpo", "grpo")
log = logging.getLogger("afterburner.train")


# The paper's GRPO run (Elfsong/Afterburner grpo/afterburner_train.sh, verl on 8 GPUs) in
# TRL's terms: 32 prompts a step x 32 rollouts (1,024 completions: 8 GPUs x 4 x 32 steps of
# accumulation), responses up to 8,192 tokens, learning rate 1e-6, temperature 1.0, no KL
# term, gradient checkpointing (verl's 2,048-token prompt cap has no GRPOConfig field in
# TRL 1.16). Its starting model is the SFT cold start
# Elfsong/Qwen2.5-Coder-3B-Venus-Cold-Start. `--config paper-3b` selects it.
PAPER_GRPO_3B = {
    "num_generations": 32,
    "batch_size": 4,
    "gradient_accumulation_steps": 32,
    "learning_rate": 1e-6,
    "max_completion_length": 8192,
    "temperature": 1.0,
    "bf16": True,
    "trl": {"beta": 0.0, "gradient_checkpointing": True},
}
NAMED_CONFIGS = {"paper-3b": PAPER_GRPO_3B}


def grpo_arguments(config: dict, output_dir: str, max_steps: int, cuda: bool) -> dict:
    """GRPOConfig's keyword arguments for `config` (see the module docstring)."""
    common = _common(config, output_dir, max_steps, cuda)
    extra = dict(config.get("trl") or {})
    use_vllm = cuda and importlib.util.find_spec("vllm") is not None
    grpo = {
        "num_generations": int(config.get("num_generations", 4)),
        "max_completion_length": int(config.get("max_completion_length", 1024)),
        "temperature": float(config.get("temperature", 1.0)),
        "use_vllm": use_vllm,
    }
    if use_vllm:
        grpo["vllm_mode"] = config.get("vllm_mode", "colocate")
    if "generation_batch_size" not in extra and "steps_per_generation" not in extra:
        grpo["generation_batch_size"] = generation_batch(
            common["per_device_train_batch_size"],
            common["gradient_accumulation_steps"],
            grpo["num_generations"],
        )
    return {**common, **grpo, **extra}


def generation_batch(per_device: int, accumulation: int, num_generations: int) -> int:
    """Completions generated per optimisation step. TRL's default (the step's batch) must be
    a multiple of `num_generations` and is not for most settings (2 rows a step, 4 or 8
    generations): the least common multiple of the two is the smallest batch it accepts."""
    processes = max(1, int(os.environ.get("WORLD_SIZE", "1")))
    return math.lcm(per_device * processes * accumulation, num_generations)


def _common(config: dict, output_dir: str, max_steps: int, cuda: bool) -> dict:
    return {
        "output_dir": str(output_dir),
        "max_steps": int(max_steps),
        "per_device_train_batch_size": int(config.get("batch_size", 2)),
        "gradient_accumulation_steps": int(config.get("gradient_accumulation_steps", 1)),
        "learning_rate": float(config.get("learning_rate", 1e-5)),
        "logging_steps": 1,
        "save_strategy": "no",
        "report_to": "none",
        "seed": int(config.get("seed", 0)),
        "use_cpu": not cuda,
        "bf16": bool(cuda and config.get("bf16", True)),
        "dataloader_num_workers": 0,
    }


def _peft_config(config: dict):
    if not config.get("lora"):
        return None
    from peft import LoraConfig

    return LoraConfig(
        r=int(config.get("lora_r", 16)),
        lora_alpha=int(config.get("lora_alpha", 32)),
        lora_dropout=float(config.get("lora_dropout", 0.0)),
        target_modules=config.get("lora_target_modules", "all-linear"),
        task_type="CAUSAL_LM",
    )


def grpo_reward_function(sandbox=None, workers: int = 4):
    """A TRL reward function: scores each completion through the sandbox against the
    problem columns TRL passes as keyword arguments (function_name, tests, original, ...)."""
    from afterburner.sandbox.worker import Sandbox

    from .reward import report_batch, sandbox_outcomes

    box = sandbox or Sandbox()
    columns = ("problem_id", "function_name", "tests", "original", "starting_solution",
               "prelude", "equivalence")  # fmt: skip

    def afterburner_reward(prompts=None, completions=None, **kwargs) -> list[float]:
        n = len(completions or [])
        problems = [{c: kwargs[c][i] for c in columns if c in kwargs} for i in range(n)]
        outcomes = sandbox_outcomes(completions, problems, box, max_workers=workers)
        report_batch(outcomes)
        return [o.reward for o in outcomes]

    return afterburner_reward


def train(
    method: str,
    model_path: str,
    dataset_path: str,
    output_dir: str,
    max_steps: int,
    config: dict | None = None,
    allow_download: bool = False,
) -> Path:
    """Train `model_path` with `method` on the dataset for max_steps steps; save the final
    checkpoint (model + tokenizer) to output_dir and return its path. What the user got
    wrong (method, model, dataset, a missing extra) is a UserError saying what to do."""
    if method not in METHODS:
        raise UserError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    model_path = resolve_checkpoint(model_path, download=allow_download)
    try:
        rows, skipped = usable_rows(load_dataset_rows(dataset_path))
    except (OSError, ValueError) as exc:  # missing file, malformed JSON lines
        raise UserError(f"cannot read the dataset {dataset_path}: {exc}") from None
    for line in skipped:
        log.warning("skipped %s", line)
    try:
        import torch
        from datasets import Dataset
        from transformers import AutoModelForCausalLM, AutoTokenizer
    except ImportError as exc:
        raise UserError(
            f"training needs the [train] extra ({exc}): pip install 'afterburner-lsp[train]'"
        ) from None

    config = dict(config or {})
    cuda = torch.cuda.is_available()
    local = {"local_files_only": not allow_download}
    tokenizer = AutoTokenizer.from_pretrained(model_path, **local)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(
        model_path,
        dtype=torch.bfloat16 if cuda and config.get("bf16", True) else torch.float32,
        **local,
    )
    common = _common(config, output_dir, max_steps, cuda)
    extra = dict(config.get("trl") or {})
    peft_config = _peft_config(config)

    if method in ("sft", "dpo"):
        from trl import DPOConfig, DPOTrainer, SFTConfig, SFTTrainer

        make_args, make_trainer, build = {
            "sft": (SFTConfig, SFTTrainer, sft_rows),
            "dpo": (DPOConfig, DPOTrainer, dpo_rows),
        }[method]
        examples = build(rows)
        args = make_args(**{**common, "max_length": config.get("max_length", 4096), **extra})
        trainer = make_trainer(
            model=model,
            args=args,
            train_dataset=Dataset.from_list(examples),
            processing_class=tokenizer,
            peft_config=peft_config,
        )
    else:
        from trl import GRPOConfig, GRPOTrainer

        examples = grpo_rows(rows)
        args = GRPOConfig(**grpo_arguments(config, output_dir, max_steps, cuda))
        trainer = GRPOTrainer(
            model=model,
            reward_funcs=grpo_reward_function(workers=int(config.get("reward_workers", 4))),
            args=args,
            train_dataset=Dataset.from_list(examples),
            processing_class=tokenizer,
            peft_config=peft_config,
        )
    if not examples:
        raise UserError(
            f"{dataset_path}: no {method} examples (rows need two or more passing "
            "solutions with measured times)"
        )
    trainer.train()
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    final = trainer.model
    if peft_config is not None and hasattr(final, "merge_and_unload"):
        final = final.merge_and_unload()
    final.save_pretrained(out)
    tokenizer.save_pretrained(out)
    # Losses and rewards per step, beside the model: what the run learned from.
    trainer.state.save_to_json(str(out / "trainer_state.json"))
    return out
