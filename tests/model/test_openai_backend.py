"""OpenAIBackend against a real HTTP server (tests/model/openai_server.py): no mocked urllib."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from afterburner.model.backends.base import BackendConfig, BackendError, GenerationSettings, Prompt
from afterburner.model.backends.openai_backend import DEFAULT_BASE_URL, OpenAIBackend
from tests.model.openai_server import FakeOpenAIServer

ENV_VARS = (
    "AFTERBURNER_OPENAI_BASE_URL",
    "OPENAI_BASE_URL",
    "AFTERBURNER_OPENAI_MODEL",
    "AFTERBURNER_OPENAI_API_KEY",
    "OPENAI_API_KEY",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own OpenAI settings must not leak into the tests.
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(models=["test-model", "other-model"]) as srv:
        yield srv


def make_backend(server: FakeOpenAIServer | None = None, **kwargs) -> OpenAIBackend:
    kwargs.setdefault("model", "test-model")
    if server is not None:
        kwargs.setdefault("base_url", server.url)
    return OpenAIBackend(BackendConfig(backend="openai", **kwargs))


def prompt(text: str = "make it fast") -> Prompt:
    messages = [{"role": "system", "content": "You optimize."}, {"role": "user", "content": text}]
    return Prompt(messages=messages, code="def f(): pass", function_name="f")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- completions ------------------------------------------------------------------------------


def test_k_completions_in_one_request_when_server_honours_n(server: FakeOpenAIServer) -> None:
    backend = make_backend(server)
    settings = GenerationSettings(k=4, temperature=0.5, max_tokens=123, seed=7)
    out = backend.generate([prompt()], settings)
    backend.close()

    assert out == [[f"completion {i}" for i in range(4)]]
    [req] = server.chat_requests
    assert req.body["n"] == 4
    assert req.body["model"] == "test-model"
    assert req.body["temperature"] == 0.5
    assert req.body["max_tokens"] == 123
    assert req.body["seed"] == 7
    assert req.body["messages"] == prompt().messages
    assert "authorization" not in req.headers


def test_seed_is_left_out_when_not_set(server: FakeOpenAIServer) -> None:
    backend = make_backend(server)
    backend.generate([prompt()], GenerationSettings(k=1))
    assert "seed" not in server.chat_requests[0].body


def test_top_up_with_single_requests_when_server_ignores_n(server: FakeOpenAIServer) -> None:
    server.honour_n = False
    backend = make_backend(server)
    out = backend.generate([prompt()], GenerationSettings(k=4, seed=10))

    assert len(out[0]) == 4
    assert len(set(out[0])) == 4, out
    requests = server.chat_requests
    assert len(requests) == 4
    assert requests[0].body["n"] == 4
    assert sorted(r.body["n"] for r in requests[1:]) == [1, 1, 1]
    # Each single request has its own seed, or a seeded server would repeat one sample.
    assert sorted(r.body["seed"] for r in requests) == [10, 11, 12, 13]

    # Once learnt, a later batch sends k single requests straight away.
    out = backend.generate([prompt()], GenerationSettings(k=3))
    backend.close()
    assert len(out[0]) == 3
    assert [r.body["n"] for r in server.chat_requests[4:]] == [1, 1, 1]


def test_several_prompts_in_one_batch_are_sent_in_parallel(server: FakeOpenAIServer) -> None:
    server.reply = lambda messages, index: f"{messages[-1]['content']}#{index}"
    server.hold_until = 3  # each request waits until all three are in flight at once
    backend = make_backend(server)
    out = backend.generate([prompt("a"), prompt("b"), prompt("c")], GenerationSettings(k=2))
    backend.close()

    assert len(server.chat_requests) == 3
    for text, completions in zip("abc", out, strict=True):
        assert len(completions) == 2
        assert all(c.startswith(f"{text}#") for c in completions), out
    assert server.max_in_flight == 3, "the requests were not sent in parallel"


def test_malformed_output_is_returned_as_text(server: FakeOpenAIServer) -> None:
    texts = [None, "", "``` garbage {{{ not python"]
    server.reply = lambda messages, index: texts[index]
    backend = make_backend(server)
    out = backend.generate([prompt()], GenerationSettings(k=3))
    assert out == [["", "", "``` garbage {{{ not python"]]


def test_empty_batch_sends_nothing(server: FakeOpenAIServer) -> None:
    assert make_backend(server).generate([], GenerationSettings()) == []
    assert server.requests == []


# -- configuration ----------------------------------------------------------------------------


def test_model_is_discovered_from_the_models_endpoint(server: FakeOpenAIServer) -> None:
    backend = make_backend(server, model=None)
    out = backend.generate([prompt()], GenerationSettings(k=1))
    backend.generate([prompt()], GenerationSettings(k=1))

    assert out == [["completion 0"]]
    assert backend.model == "test-model"
    assert [r.path for r in server.requests if r.method == "GET"] == ["/v1/models"]  # once
    assert all(r.body["model"] == "test-model" for r in server.chat_requests)


def test_a_server_with_no_models_is_a_clear_error(server: FakeOpenAIServer) -> None:
    server.models = []
    with pytest.raises(BackendError, match="lists no models.*AFTERBURNER_OPENAI_MODEL"):
        make_backend(server, model=None).generate([prompt()], GenerationSettings(k=1))


def test_settings_come_from_the_environment(
    server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert OpenAIBackend(BackendConfig()).base_url == DEFAULT_BASE_URL
    monkeypatch.setenv("OPENAI_BASE_URL", "http://elsewhere:1/v1")
    assert OpenAIBackend(BackendConfig()).base_url == "http://elsewhere:1/v1"
    monkeypatch.setenv("AFTERBURNER_OPENAI_BASE_URL", server.url + "/")
    monkeypatch.setenv("AFTERBURNER_OPENAI_MODEL", "other-model")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")

    backend = OpenAIBackend(BackendConfig())
    assert backend.base_url == server.url
    assert backend.generate([prompt()], GenerationSettings(k=1)) == [["completion 0"]]
    [req] = server.chat_requests
    assert req.body["model"] == "other-model"
    assert req.headers["authorization"] == "Bearer sk-env"


def test_api_key_header_is_sent_when_configured(server: FakeOpenAIServer) -> None:
    server.require_key = "sk-test"
    backend = make_backend(server, api_key="sk-test", model=None)
    assert backend.generate([prompt()], GenerationSettings(k=1)) == [["completion 0"]]
    assert all(r.headers["authorization"] == "Bearer sk-test" for r in server.requests)
    assert len(server.requests) == 2  # GET /models, then the completion


@pytest.mark.parametrize("key", [None, "sk-wrong"])
def test_authentication_failure_says_to_set_the_key(
    server: FakeOpenAIServer, key: str | None
) -> None:
    server.require_key = "sk-right"
    with pytest.raises(BackendError, match="API key.*AFTERBURNER_OPENAI_API_KEY") as info:
        make_backend(server, api_key=key).generate([prompt()], GenerationSettings(k=2))
    assert "401" in str(info.value)
    assert len(server.chat_requests) == 1  # not retried


# -- failures ---------------------------------------------------------------------------------


def test_timeout_is_a_backend_error_within_bounded_time(server: FakeOpenAIServer) -> None:
    # The server would answer after 60 s; the client gives up after its 0.3 s timeout on
    # each of its two attempts, so the test ends long before the server would answer.
    server.delay_s = 60.0
    backend = make_backend(server, retries=1)
    with pytest.raises(BackendError) as info:
        backend.generate([prompt()], GenerationSettings(k=1, timeout_s=0.3))
    backend.close()

    message = str(info.value)
    assert server.url in message
    assert "0.3 s" in message and "2 attempts" in message
    assert len(server.chat_requests) == 2


@pytest.mark.timeout(30)
def test_unreachable_server_names_the_url_and_the_fix() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    backend = OpenAIBackend(BackendConfig(base_url=url, model="m", retries=1))
    # A refused connection is an error at once, not after the 60 s request timeout: the
    # test's own timeout (30 s, half of it) fails a client that waits for it.
    with pytest.raises(BackendError) as info:
        backend.generate([prompt()], GenerationSettings(k=2, timeout_s=60))

    message = str(info.value)
    assert f"cannot reach the OpenAI-compatible server at {url}/chat/completions" in message
    assert "vllm serve" in message
    assert "AFTERBURNER_OPENAI_BASE_URL" in message


def test_unreachable_server_during_model_discovery() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    backend = OpenAIBackend(BackendConfig(base_url=url, retries=0))
    with pytest.raises(BackendError, match=f"cannot reach .* at {url}/models"):
        backend.generate([prompt()], GenerationSettings(k=1))


def test_unknown_model_lists_the_available_models(server: FakeOpenAIServer) -> None:
    backend = make_backend(server, model="no-such-model")
    with pytest.raises(BackendError) as info:
        backend.generate([prompt(), prompt()], GenerationSettings(k=2))
    message = str(info.value)
    assert "'no-such-model'" in message
    assert "test-model, other-model" in message
    assert "AFTERBURNER_OPENAI_MODEL" in message


def test_a_wrong_api_root_says_to_fix_the_base_url(server: FakeOpenAIServer) -> None:
    backend = make_backend(server, base_url=server.url.removesuffix("/v1"))  # missing /v1
    with pytest.raises(BackendError, match="ending in /v1"):
        backend.generate([prompt()], GenerationSettings(k=1))


@pytest.mark.parametrize("status", [500, 429])
def test_retries_a_server_error_then_succeeds(server: FakeOpenAIServer, status: int) -> None:
    server.status, server.fail_requests = status, {0}
    backend = make_backend(server, retries=2)
    assert backend.generate([prompt()], GenerationSettings(k=2)) == [
        ["completion 0", "completion 1"]
    ]
    assert len(server.chat_requests) == 2


def test_server_errors_after_the_retries_run_out(server: FakeOpenAIServer) -> None:
    server.status = 503
    backend = make_backend(server, retries=1)
    with pytest.raises(BackendError, match="HTTP 503.*2 attempts.*server's log"):
        backend.generate([prompt()], GenerationSettings(k=1))
    assert len(server.chat_requests) == 2


def test_a_client_error_is_not_retried(server: FakeOpenAIServer) -> None:
    server.status, server.error = 400, "messages: field required"
    backend = make_backend(server, retries=3)
    with pytest.raises(BackendError, match="refused the request.*HTTP 400.*field required"):
        backend.generate([prompt()], GenerationSettings(k=1))
    assert len(server.chat_requests) == 1


def test_a_rejected_n_falls_back_to_single_requests(server: FakeOpenAIServer) -> None:
    server.status, server.error, server.fail_requests = 400, "n must be 1", {0}
    out = make_backend(server).generate([prompt()], GenerationSettings(k=3))
    assert len(out[0]) == 3
    assert [r.body["n"] for r in server.chat_requests][:2] == [3, 1]
    assert len(server.chat_requests) == 4


def test_partial_top_up_failure_returns_what_came_back(server: FakeOpenAIServer) -> None:
    # Request 0 (n ignored) and one top-up succeed; the other two top-ups fail.
    server.honour_n = False
    server.status, server.fail_requests = 400, {2, 3}
    out = make_backend(server).generate([prompt()], GenerationSettings(k=4))
    assert len(out[0]) == 2
    assert len(server.chat_requests) == 4


@pytest.mark.parametrize(
    "raw", [b"<html>Welcome to nginx</html>", b'{"object": "list"}', b'{"choices": [42]}']
)
def test_a_response_that_is_not_a_chat_completion_is_a_clear_error(
    server: FakeOpenAIServer, raw: bytes
) -> None:
    server.raw_response = raw
    with pytest.raises(BackendError, match="not answer like an OpenAI-compatible API.*/v1"):
        make_backend(server).generate([prompt()], GenerationSettings(k=1))
