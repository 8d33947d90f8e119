"""Where a model checkpoint lives on this machine: a local directory, or a Hugging Face repo id
looked up in the local cache. Never downloads: fetching gigabytes is the user's explicit act
(`hf download ...`), not a side effect of asking for a rewrite.
"""

from __future__ import annotations

import os
from pathlib import Path

from afterburner.model.backends.base import BackendError

# The paper's GRPO-trained Qwen2.5-Coder-3B.
DEFAULT_CHECKPOINT = "Elfsong/Afterburner_3B_100"


def _looks_like_path(name: str) -> bool:
    """True when `name` can only be a filesystem path, never a repo id ("owner/name" or "name")."""
    return (
        os.path.isabs(name)
        or name.startswith((".", "~"))
        or "\\" in name
        or name.count("/") > 1
        or name.endswith("/")
    )


def _get_it(name: str) -> str:
    return (
        f"download it once with `hf download {name}` (older huggingface_hub: "
        f"`huggingface-cli download {name}`), or pass a local checkpoint directory with "
        f"--model PATH"
    )


# Set for our own processes unless the user has set them: the Hub is never reached as a side
# effect (transformers, datasets and TRL otherwise look models up online and send telemetry).
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}


def stay_offline(allow_download: bool = False) -> None:
    """Keep this process (and the processes it starts) off the network, unless the user opts
    in with --allow-download; telemetry stays off either way. Call before importing
    huggingface_hub, which reads these once."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    if not allow_download:
        for key, value in OFFLINE.items():
            os.environ.setdefault(key, value)


def resolve_checkpoint(
    name_or_path: str, cache_dir: str | os.PathLike | None = None, download: bool = False
) -> str:
    """A local checkpoint directory for `name_or_path`: an existing local path as is, else the
    cached snapshot of that Hugging Face repo id (looked up offline unless `download`;
    `cache_dir` overrides the user's cache). Raises BackendError saying how to get the
    checkpoint when neither exists."""
    name = name_or_path.strip()
    if not name:
        raise BackendError(f"no model given; {_get_it(DEFAULT_CHECKPOINT)}")
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path)
    if path.exists():
        raise BackendError(
            f"{name} is a file, not a checkpoint directory; pass the directory that holds "
            f"config.json and the weights with --model PATH"
        )
    if _looks_like_path(name):
        raise BackendError(
            f"no checkpoint directory at {path}; check the path given with --model, or "
            f"{_get_it(DEFAULT_CHECKPOINT)}"
        )
    try:
        import huggingface_hub
    except ImportError:
        raise BackendError(
            f"no local directory {name!r}, and huggingface_hub is not installed to look it up "
            f"in the Hugging Face cache: pip install 'afterburner-lsp[train]', or pass a local "
            f"checkpoint directory with --model PATH"
        ) from None
    from huggingface_hub import constants  # a lazy attribute of the package: import it

    cache = cache_dir if cache_dir is not None else constants.HF_HUB_CACHE
    try:
        # local_files_only: a cache lookup that never opens a connection.
        return huggingface_hub.snapshot_download(
            name, cache_dir=cache, local_files_only=not download
        )
    except (OSError, ValueError):  # LocalEntryNotFoundError, HFValidationError
        raise BackendError(
            f"model {name!r} is neither a local directory nor in the Hugging Face cache "
            f"({cache}); {_get_it(name)}"
        ) from None
