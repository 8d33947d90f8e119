"""Fixtures for the model backends: a tiny local checkpoint and a guard against network use.

No test here may reach the Hugging Face hub: offline mode is set before transformers or
huggingface_hub is first imported (they read it at import time).
"""

from __future__ import annotations

import os
import socket

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of a random-weight Qwen2 checkpoint with a ChatML tokenizer, built once."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("tokenizers")
    from tests.model.tiny_checkpoint import build_tiny_checkpoint

    # A 350k-parameter model gains nothing from intra-op threads, and on a busy CI machine
    # OpenMP threads waiting on each other made generation ~50x slower.
    torch.set_num_threads(1)
    return build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-qwen2"))


class NetworkUsed(RuntimeError):
    """Raised on any connection attempt under `no_network` (not an OSError, so no code under
    test swallows it as an ordinary network failure)."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any DNS lookup or connection; the attempts are also recorded for assertions."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise NetworkUsed(f"a test tried to use the network: {args[:2]!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
