"""Strictly offline by default: a model name is looked up in the local cache only, and what
the user got wrong in `train` is one line and exit 2, never a traceback."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from afterburner.model.checkpoints import OFFLINE, stay_offline
from afterburner.server.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "benchmarks" / "venus_sample" / "venus_sample.jsonl"


@pytest.fixture
def no_network(monkeypatch, tmp_path):
    """Every connection attempt is recorded and refused; the Hugging Face cache is empty."""
    attempts: list = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    for key in OFFLINE:
        monkeypatch.delenv(key, raising=False)
    return attempts


def _train(tmp_path, *extra: str) -> list[str]:
    return ["train", "sft", "--dataset", str(SAMPLE), "--output", str(tmp_path / "out"), *extra]


def test_a_hub_name_is_never_fetched(no_network, tmp_path, capsys):
    code = main(_train(tmp_path, "--model", "someone/some-model-that-is-not-cached"))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "neither a local directory nor in the Hugging Face cache" in err
    assert "hf download someone/some-model-that-is-not-cached" in err
    assert no_network == []
    assert all(os.environ[k] == v for k, v in OFFLINE.items())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "/no/such/checkpoint"], "no checkpoint directory at /no/such/checkpoint"),
        (["--model", ".", "--config", "{not json"], "--config is not a JSON object"),
    ],
)
def test_train_errors_are_one_line_and_exit_2(no_network, tmp_path, capsys, args, message):
    code = main(_train(tmp_path, *args))
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and message in err, err


def test_a_missing_dataset_is_named(no_network, tmp_path, capsys):
    model = tmp_path / "model"
    model.mkdir()
    code = main(["train", "dpo", "--model", str(model), "--dataset", str(tmp_path / "nope.jsonl"),
                 "--output", str(tmp_path / "out")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "cannot read the dataset" in err and "nope.jsonl" in err, err


def test_the_user_may_opt_in(monkeypatch):
    for key in OFFLINE:
        monkeypatch.delenv(key, raising=False)
    stay_offline(allow_download=True)
    assert "HF_HUB_OFFLINE" not in os.environ
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] == "1"
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # the user's own setting wins
    stay_offline()
    assert os.environ["HF_HUB_OFFLINE"] == "0"
