"""The loop with model backends: an OpenAI-compatible HTTP server (real, on 127.0.0.1) and
a tiny transformers checkpoint built on the spot. Measurements must flow into the next
prompt, and nothing a model writes may crash the loop."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from afterburner.model.backends import BackendConfig, make_backend
from afterburner.model.loop import LoopSettings, optimize
from afterburner.sandbox.target import parse_target
from tests.conftest import QUICK_VERIFY, write_workspace
from tests.model.openai_server import FakeOpenAIServer

MODULE = '''
def drain(tasks: list[str]) -> list[str]:
    """Upper-case tasks in FIFO order."""
    queue = list(tasks)
    done = []
    while queue:
        done.append(queue.pop(0).upper())
    return done
'''
TESTS = """
from mod import drain

def test_drain():
    assert drain([f"t{i}" for i in range(20000)])[:2] == ["T0", "T1"]
    assert drain([]) == []
"""
FAST = "def drain(tasks: list[str]) -> list[str]:\n    return [t.upper() for t in tasks]\n"
WRONG = (
    "def drain(tasks: list[str]) -> list[str]:\n    return [t.upper() for t in reversed(tasks)]\n"
)


def solution(code: str) -> str:
    return f"<thinking>avoid pop(0)</thinking>\n<solution>\n```python\n{code}```\n</solution>"


@pytest.fixture
def workspace(tmp_path):
    return write_workspace(tmp_path, {"mod.py": MODULE, "test_mod.py": TESTS})


def test_openai_loop_verifies_replies_and_feeds_results_back(sandbox, workspace):
    replies = [
        "I cannot help with that.",
        solution(WRONG),
        solution(FAST),
        "<solution>def drain(:</solution>",
    ]

    def reply(messages, index):
        return replies[index % len(replies)]

    with FakeOpenAIServer(reply=reply) as server:
        backend = make_backend(BackendConfig("openai", base_url=server.url, model="test-model"))
        result = optimize(
            sandbox,
            parse_target("mod.py::drain", workspace),
            backend,
            LoopSettings(rounds=2, k=4, patience=5, verify=QUICK_VERIFY),
        )
        prompts = [r.body["messages"][-1]["content"] for r in server.chat_requests]
        seeds = [r.body.get("seed") for r in server.chat_requests]
    # Each round samples with a seed of its own: with one seed for all, round 2 repeated
    # round 1's completions.
    assert seeds == [0, 1000], seeds
    statuses = [c.status for c in result.rounds[0]]
    assert statuses == ["unparseable", "rejected", "faster", "unparseable"]
    # What the model wrote stays with each candidate, the rejected ones with their reasons.
    assert [c.raw for c in result.rounds[0]] == replies
    assert result.rounds[0][0].reason == "no <solution> block or ```python code block in the reply"
    assert result.best is not None and result.best.code == FAST and result.best.speedup > 1.5
    assert "return value" in result.rounds[0][1].reason and result.rounds[0][1].counterexample
    assert "Passed:" in prompts[0] and "Time:" in prompts[0] and "Hot lines" in prompts[0]
    second = prompts[-1]
    assert "Feedback on previous attempts" in second
    assert "verified" in second and "rejected" in second and "syntax error" in second
    assert "return [t.upper() for t in tasks]" in second  # the best code is the new baseline
    assert [c.status for c in result.rounds[1]] == [
        "unparseable",
        "duplicate",
        "duplicate",
        "unparseable",
    ]


def test_the_request_timeout_and_max_tokens_reach_the_backend(sandbox, workspace):
    from afterburner.model.backends import BackendError

    with FakeOpenAIServer() as server:
        server.delay_s = 60.0  # far longer than the loop's timeout
        backend = make_backend(
            BackendConfig("openai", base_url=server.url, model="test-model", retries=0)
        )
        settings = LoopSettings(rounds=1, k=1, timeout_s=0.4, max_tokens=77, verify=QUICK_VERIFY)
        with pytest.raises(BackendError, match="0.4 s"):
            optimize(sandbox, parse_target("mod.py::drain", workspace), backend, settings)
        assert [r.body["max_tokens"] for r in server.chat_requests] == [77]


def test_transformers_loop_survives_whatever_the_model_writes(sandbox, workspace, tiny_checkpoint):
    backend = make_backend(BackendConfig("transformers", model=tiny_checkpoint, device="cpu"))
    try:
        result = optimize(
            sandbox,
            parse_target("mod.py::drain", workspace),
            backend,
            LoopSettings(rounds=2, k=2, max_tokens=48, patience=5, verify=QUICK_VERIFY),
        )
    finally:
        backend.close()
    attempts = [c for rnd in result.rounds for c in rnd]
    assert len(result.rounds) == 2 and attempts
    for c in attempts:  # random weights write noise: nothing passes, each says why
        assert c.status in {"unparseable", "rejected", "duplicate"}, c
        assert c.reason, c
    assert result.best is None
    assert result.stopped


def test_transformers_backend_from_the_command_line(workspace, tiny_checkpoint):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "afterburner.server.cli",
            "optimize",
            "mod.py::drain",
            "--backend",
            "transformers",
            "--model",
            tiny_checkpoint,
            "--device",
            "cpu",
            "--rounds",
            "1",
            "-k",
            "1",
            "--json",
        ],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=600,
        env={"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout)
    assert out["backend"] == "transformers" and len(out["rounds"]) == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (BackendConfig("nope"), "unknown backend 'nope'"),
        (BackendConfig("transformers", model="/no/such/checkpoint"), "/no/such/checkpoint"),
        (BackendConfig("openai", base_url="http://127.0.0.1:9/v1", model="m"), "cannot reach"),
    ],
)
@pytest.mark.parametrize("torch_installed", [True, False])
def test_backend_errors_are_one_clear_message(
    config, message, torch_installed, workspace, monkeypatch
):
    from afterburner.model.backends import BackendError, GenerationSettings, Prompt

    if not torch_installed:  # as after the README's install, without the [train] extra
        for name in ("torch", "transformers", "vllm"):
            monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(BackendError, match=message):
        backend = make_backend(config)
        backend.generate(
            [Prompt([{"role": "user", "content": "x"}], "def f(): pass", "f")],
            GenerationSettings(k=1, timeout_s=2),
        )
