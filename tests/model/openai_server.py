"""A real OpenAI-compatible HTTP server for tests: `GET /v1/models` and
`POST /v1/chat/completions` on 127.0.0.1, in a background thread.

    with FakeOpenAIServer(models=["m"], honour_n=False) as server:
        backend = OpenAIBackend(BackendConfig(base_url=server.url))
        ...
        assert [r.body["n"] for r in server.chat_requests] == [4, 1, 1, 1]

Every attribute may be changed while it runs; each request reads the current values.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# (messages, index) -> the choice's text; None is sent as `"content": null`.
Reply = Callable[[list[dict[str, Any]], int], str | None]


def default_reply(messages: list[dict[str, Any]], index: int) -> str:
    return f"completion {index}"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any  # the parsed JSON body (None for a GET or a body that is not JSON)


@dataclass
class FakeOpenAIServer:
    models: list[str] = field(default_factory=lambda: ["test-model"])
    # `index` counts every choice this server produced, across requests, so that a reply that
    # depends on it differs between choices as sampled text would (also when n is ignored).
    reply: Reply = default_reply
    honour_n: bool = True  # False mimics llama.cpp / Ollama: always one choice
    delay_s: float = 0.0  # before answering a chat request
    status: int | None = None  # answer chat requests with this status and an OpenAI error ...
    error: str = "injected failure"  # ... carrying this message,
    fail_requests: Container[int] | None = None  # ... only for these chat request numbers
    raw_response: bytes | None = None  # send this body (200, not JSON-encoded) instead
    require_key: str | None = None  # answer 401 unless `Authorization: Bearer <key>`
    check_model: bool = True  # 404 for a model not in `models`, as vLLM does
    # Hold each chat request until this many are in flight at once (a serial client never
    # gets there and is answered after `hold_s`): proves parallelism without a stopwatch.
    hold_until: int = 0
    hold_s: float = 30.0

    requests: list[Recorded] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._choices = 0
        self._flight = threading.Condition()
        self.in_flight = 0
        self.max_in_flight = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True  # a delayed handler must not hold up stop()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in `delay_s`
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "the server is not running"
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The API root, as a client's base URL."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    # -- request handling (called from handler threads) ---------------------------------------

    def _record(self, recorded: Recorded) -> int:
        """Stores a request; returns its number among chat requests."""
        with self._lock:
            number = sum(1 for r in self.requests if r.path == recorded.path)
            self.requests.append(recorded)
            return number

    def _next_choice_indexes(self, count: int) -> range:
        with self._lock:
            start, self._choices = self._choices, self._choices + count
            return range(start, start + count)

    def _handle(self, req: Recorded, number: int) -> tuple[int, bytes]:
        key = self.require_key
        if key is not None and req.headers.get("authorization") != f"Bearer {key}":
            return _error(401, "Incorrect API key provided", "invalid_request_error")
        if req.method == "GET" and req.path == "/v1/models":
            data = [{"id": m, "object": "model", "owned_by": "tests"} for m in self.models]
            return 200, json.dumps({"object": "list", "data": data}).encode()
        if req.method != "POST" or req.path != "/v1/chat/completions":
            return _error(404, f"no route {req.method} {req.path}", "NotFoundError")

        with self._flight:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self._flight.notify_all()
        try:
            if self.hold_until:
                with self._flight:
                    self._flight.wait_for(
                        lambda: self.max_in_flight >= self.hold_until, timeout=self.hold_s
                    )
            if self.delay_s:
                self._stopping.wait(self.delay_s)
        finally:
            with self._flight:
                self.in_flight -= 1
        if self.status is not None and (self.fail_requests is None or number in self.fail_requests):
            return _error(self.status, self.error, "InjectedError")
        if self.raw_response is not None:
            return 200, self.raw_response
        body = req.body if isinstance(req.body, dict) else {}
        model = body.get("model")
        if self.check_model and model not in self.models:
            return _error(404, f"The model `{model}` does not exist.", "NotFoundError")
        n = int(body.get("n") or 1) if self.honour_n else 1
        messages = body.get("messages") or []
        choices = [
            {
                "index": i,
                "message": {"role": "assistant", "content": self.reply(messages, index)},
                "finish_reason": "stop",
            }
            for i, index in enumerate(self._next_choice_indexes(n))
        ]
        response = {
            "id": f"chatcmpl-{number}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": choices,
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        return 200, json.dumps(response).encode()


def _error(status: int, message: str, kind: str) -> tuple[int, bytes]:
    body = {"object": "error", "error": {"message": message, "type": kind, "code": status}}
    return status, json.dumps(body).encode()


class _Handler(BaseHTTPRequestHandler):
    server_owner: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        self._serve(body)

    def _serve(self, body: Any) -> None:
        owner = self.server_owner
        headers = {k.lower(): v for k, v in self.headers.items()}
        req = Recorded(self.command, self.path, headers, body)
        number = owner._record(req)
        status, payload = owner._handle(req, number)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # the client gave up (a timeout test): nothing to answer
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean
