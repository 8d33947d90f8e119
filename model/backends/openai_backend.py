"""A backend for any OpenAI-compatible chat server: `vllm serve`, llama.cpp's llama-server,
Ollama, hosted endpoints. Standard library only (urllib + json), so it needs no extra install.

Configuration, first found wins:
  base URL  config.base_url, $AFTERBURNER_OPENAI_BASE_URL, $OPENAI_BASE_URL,
            http://127.0.0.1:8000/v1
  model     config.model, $AFTERBURNER_OPENAI_MODEL, else the first model `GET {base}/models` lists
  API key   config.api_key, $AFTERBURNER_OPENAI_API_KEY, $OPENAI_API_KEY (none: no header)
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import logging
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from afterburner.model.backends.base import BackendConfig, BackendError, GenerationSettings, Prompt

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8000/v1"
DEFAULT_CONCURRENCY = 8
_BACKOFF_S = 0.25  # first retry delay; doubles per attempt
_MAX_BACKOFF_S = 4.0
_MAX_RETRY_AFTER_S = 10.0
_DETAIL_CHARS = 200

_FIX_URL = (
    "start it (e.g. `vllm serve MODEL`) or set afterburner.baseUrl / AFTERBURNER_OPENAI_BASE_URL"
)
_FIX_MODEL = "set afterburner.model / AFTERBURNER_OPENAI_MODEL to one the server serves"
_FIX_KEY = "set afterburner.apiKey / AFTERBURNER_OPENAI_API_KEY (or OPENAI_API_KEY)"
_MODEL_MISSING = re.compile(
    r"model\b.{0,80}?\b(not found|does not exist|not exist|unknown|not available|not loaded)"
    r"|\b(unknown|invalid|no such) model\b",
    re.IGNORECASE | re.DOTALL,
)


class _FatalError(BackendError):
    """An error that no other request of the batch can fix (bad key, unknown model, wrong URL):
    the batch stops at once."""


def _env(*names: str) -> str | None:
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DETAIL_CHARS else text[:_DETAIL_CHARS] + "…"


def _error_message(raw: bytes) -> str:
    """The human part of an error body: OpenAI's {"error": {"message": ...}}, vLLM's and
    Ollama's variants, or the raw text."""
    text = raw.decode("utf-8", "replace")
    try:
        body = json.loads(text)
    except ValueError:
        return _clip(text)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            for key in ("message", "detail", "msg"):
                if isinstance(err.get(key), str):
                    return _clip(err[key])
        elif isinstance(err, str):
            return _clip(err)
        if isinstance(body.get("detail"), str):
            return _clip(body["detail"])
    return _clip(text)


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _content_text(content: Any) -> str | None:
    """A message's content as text; None when the shape is not one a chat server sends."""
    if content is None:
        return ""  # reasoning models and refusals: an empty candidate, not an error
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
        parts = [p.get("text") for p in content if isinstance(p, dict)]
        return "".join(p for p in parts if isinstance(p, str))
    return None


class OpenAIBackend:
    """k completions per prompt from an OpenAI-compatible `/chat/completions` endpoint."""

    name = "openai"

    def __init__(self, config: BackendConfig) -> None:
        base = (config.base_url or "").strip() or _env(
            "AFTERBURNER_OPENAI_BASE_URL", "OPENAI_BASE_URL"
        )
        base = (base or DEFAULT_BASE_URL).rstrip("/")
        # Users often paste the full endpoint; the API root is what we need.
        base = base.removesuffix("/chat/completions")
        self.base_url: str = base
        self.model: str | None = (config.model or "").strip() or _env("AFTERBURNER_OPENAI_MODEL")
        self._api_key = (config.api_key or "").strip() or _env(
            "AFTERBURNER_OPENAI_API_KEY", "OPENAI_API_KEY"
        )
        self._retries = max(0, int(config.retries))
        self._concurrency = max(1, int(config.extra.get("concurrency", DEFAULT_CONCURRENCY)))
        # A proxy from the environment must not swallow requests to a server on this machine.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(base) else []
        self._opener = urllib.request.build_opener(*handlers)
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        # Set once the server is seen to ignore `n` (llama.cpp, Ollama): later batches send k
        # single requests at once instead of waiting a round trip to learn it again.
        self._single_only = False

    # -- public ------------------------------------------------------------------------------

    def generate(self, prompts: list[Prompt], settings: GenerationSettings) -> list[list[str]]:
        """For each prompt, up to settings.k completions (a null or empty content is "").
        Raises BackendError when nothing can be served; a prompt whose requests failed while
        others succeeded gets fewer completions (possibly none)."""
        if not prompts:
            return []
        k = settings.k
        if k <= 0:
            return [[] for _ in prompts]
        model = self._resolve_model(settings.timeout_s)
        pool = self._get_pool()
        results: list[list[str]] = [[] for _ in prompts]
        errors: list[BackendError | None] = [None] * len(prompts)
        pending: dict[Future[list[str]], tuple[int, bool]] = {}  # -> (prompt index, first?)

        def submit(i: int, n: int, seed_offset: int, first: bool) -> None:
            body = self._body(prompts[i], model, settings, n, seed_offset)
            fut = pool.submit(self._complete, body, settings.timeout_s)
            pending[fut] = (i, first)

        for i in range(len(prompts)):
            if self._single_only and k > 1:
                for j in range(k):
                    submit(i, 1, j, first=False)
            else:
                submit(i, k, 0, first=True)

        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    i, first = pending.pop(fut)
                    try:
                        texts = fut.result()
                    except _FatalError:
                        raise
                    except BackendError as exc:
                        errors[i] = errors[i] or exc
                        continue
                    results[i].extend(texts[: k - len(results[i])])
                    if first and 0 < len(texts) < k:
                        # The server ignored `n`: top up with single requests, each with its
                        # own seed so a seeded run does not get the same sample k times.
                        if len(texts) == 1:
                            self._single_only = True
                        for j in range(len(texts), k):
                            submit(i, 1, j, first=False)
        finally:
            for fut in pending:
                fut.cancel()

        if not any(results):
            first_error = next((e for e in errors if e is not None), None)
            if first_error is not None:
                raise first_error
        for i, err in enumerate(errors):
            if err is not None and len(results[i]) < k:
                log.warning(
                    "openai backend: prompt %d got %d of %d completions: %s",
                    i,
                    len(results[i]),
                    k,
                    err,
                )
        return results

    def list_models(self, timeout_s: float = 10.0) -> list[str]:
        """The model ids `GET {base}/models` lists. Raises BackendError."""
        url = f"{self.base_url}/models"
        status, raw = self._send("GET", url, None, timeout_s)
        if status in (401, 403):
            raise self._auth_error(url, status, raw)
        if not 200 <= status < 300:
            raise _FatalError(
                f"the server at {url} did not list its models (HTTP {status}: "
                f"{_error_message(raw)}); check afterburner.baseUrl (usually ending in /v1) "
                f"or {_FIX_MODEL}"
            )
        body = self._parse_json(url, raw)
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise self._protocol_error(url, "no `data` list of models", raw)
        ids = [m.get("id") for m in data if isinstance(m, dict)]
        return [m for m in ids if isinstance(m, str) and m]

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            # Requests in flight end on their own timeout; nobody waits for them.
            pool.shutdown(wait=False, cancel_futures=True)

    # -- requests ----------------------------------------------------------------------------

    def _get_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self._concurrency, thread_name_prefix="afterburner-openai"
                )
            return self._pool

    def _resolve_model(self, timeout_s: float) -> str:
        with self._lock:
            if self.model:
                return self.model
        models = self.list_models(timeout_s)
        if not models:
            raise BackendError(
                f"the server at {self.base_url} lists no models; load one (e.g. "
                f"`vllm serve MODEL`, `ollama pull MODEL`) or set afterburner.model / "
                f"AFTERBURNER_OPENAI_MODEL"
            )
        with self._lock:
            self.model = self.model or models[0]
            return self.model

    def _body(
        self,
        prompt: Prompt,
        model: str,
        settings: GenerationSettings,
        n: int,
        seed_offset: int,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": model,
            "messages": prompt.messages,
            "n": n,
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
        }
        if settings.seed is not None:
            body["seed"] = settings.seed + seed_offset
        return body

    def _complete(self, body: dict[str, Any], timeout_s: float) -> list[str]:
        """One chat completion request: the texts of its choices, in index order."""
        url = f"{self.base_url}/chat/completions"
        status, raw = self._send("POST", url, body, timeout_s)
        if 200 <= status < 300:
            parsed = self._parse_json(url, raw)
            if isinstance(parsed, dict) and "choices" not in parsed and "error" in parsed:
                # Some proxies report errors with 200; treat it as a refusal.
                status = 400
            else:
                return self._choices(url, parsed, raw)
        if status in (401, 403):
            raise self._auth_error(url, status, raw)
        message = _error_message(raw)
        model = body["model"]
        if status == 404 or _MODEL_MISSING.search(message):
            self._raise_unknown_model(url, status, message, model, timeout_s)
        if 400 <= status < 500 and body["n"] > 1:
            # Some endpoints reject n > 1 (or a field that comes with it); one n=1 try costs
            # a request and lets the top-up supply the rest.
            texts = self._complete({**body, "n": 1}, timeout_s)
            self._single_only = True
            return texts
        if 400 <= status < 500:
            raise BackendError(
                f"the server at {url} refused the request (HTTP {status}: {message})"
            )
        raise self._protocol_error(url, f"unexpected HTTP status {status}", raw)

    def _raise_unknown_model(
        self, url: str, status: int, message: str, model: str, timeout_s: float
    ) -> None:
        try:
            models: list[str] | None = self.list_models(min(timeout_s, 10.0))
        except BackendError:
            models = None
        mentions_model = model in message or bool(_MODEL_MISSING.search(message))
        if mentions_model or (models is not None and model not in models):
            available = (
                f"; the server has: {', '.join(models)}"
                if models
                else "; the server lists no models"
                if models is not None
                else ""
            )
            raise _FatalError(
                f"the server at {self.base_url} does not serve model {model!r} "
                f"(HTTP {status}: {message}){available}; {_FIX_MODEL}"
            )
        if status == 404:
            raise _FatalError(
                f"no chat completions endpoint at {url} (HTTP 404: {message}); set "
                f"afterburner.baseUrl / AFTERBURNER_OPENAI_BASE_URL to the server's API root, "
                f"usually ending in /v1"
            )

    def _choices(self, url: str, parsed: Any, raw: bytes) -> list[str]:
        choices = parsed.get("choices") if isinstance(parsed, dict) else None
        if not isinstance(choices, list):
            raise self._protocol_error(url, "no `choices` list", raw)
        indexed: list[tuple[int, str]] = []
        for pos, choice in enumerate(choices):
            if not isinstance(choice, dict):
                raise self._protocol_error(url, "a choice is not an object", raw)
            message = choice.get("message")
            if message is None:
                text: str | None = ""  # no message at all: an empty candidate
            elif isinstance(message, dict):
                text = _content_text(message.get("content"))
            else:
                text = None
            if text is None:
                raise self._protocol_error(url, "a choice's message has no text content", raw)
            index = choice.get("index")
            indexed.append((index if isinstance(index, int) else pos, text))
        indexed.sort(key=lambda item: item[0])
        return [text for _, text in indexed]

    def _send(
        self, method: str, url: str, payload: dict[str, Any] | None, timeout_s: float
    ) -> tuple[int, bytes]:
        """(status, body) of one request, retried with backoff on connection errors, timeouts,
        429 and 5xx. Raises BackendError when the retries run out."""
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        headers = {"Accept": "application/json", "User-Agent": "afterburner"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        attempts = self._retries + 1
        failure = ""
        http_status: int | None = None
        delay = _BACKOFF_S
        for attempt in range(attempts):
            if attempt:
                time.sleep(delay)
                delay = min(delay * 2, _MAX_BACKOFF_S)
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with self._opener.open(request, timeout=timeout_s) as resp:
                    return resp.status, resp.read()
            except urllib.error.HTTPError as exc:
                raw = self._read_error(exc)
                if exc.code != 429 and exc.code < 500:
                    return exc.code, raw  # the caller's to judge; a retry would not help
                http_status = exc.code
                failure = f"HTTP {exc.code}: {_error_message(raw)}"
                retry_after = (exc.headers or {}).get("Retry-After", "")
                if retry_after.strip().isdigit():
                    delay = min(float(retry_after), _MAX_RETRY_AFTER_S)
            except TimeoutError:
                http_status, failure = None, f"no answer within {timeout_s:g} s"
            except urllib.error.URLError as exc:
                http_status = None
                if isinstance(exc.reason, TimeoutError):
                    failure = f"no answer within {timeout_s:g} s"
                else:
                    failure = str(exc.reason)
            except (http.client.HTTPException, OSError) as exc:
                # The server closed the connection or sent a broken status line.
                http_status, failure = None, f"{type(exc).__name__}: {exc}"
        tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
        if http_status == 429:
            raise BackendError(
                f"the server at {url} kept rate-limiting requests ({failure}, {tries}); wait, or "
                f"lower afterburner's parallelism (BackendConfig.extra['concurrency'])"
            )
        if http_status is not None:
            raise BackendError(
                f"the server at {url} failed ({failure}, {tries}); check the server's log"
            )
        slow = "; if it is up but slow, raise --timeout (setting afterburner.timeout)"
        slow = slow if "no answer" in failure else ""
        raise BackendError(
            f"cannot reach the OpenAI-compatible server at {url} ({failure}, {tries}); "
            f"{_FIX_URL}{slow}"
        )

    @staticmethod
    def _read_error(exc: urllib.error.HTTPError) -> bytes:
        try:
            return exc.read()
        except (OSError, http.client.HTTPException):
            return b""

    # -- errors ------------------------------------------------------------------------------

    def _parse_json(self, url: str, raw: bytes) -> Any:
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError:
            raise self._protocol_error(url, "the response is not JSON", raw) from None

    def _protocol_error(self, url: str, what: str, raw: bytes) -> BackendError:
        return _FatalError(
            f"the server at {url} did not answer like an OpenAI-compatible API ({what}: "
            f"{_clip(raw.decode('utf-8', 'replace')) or 'empty body'}); check that "
            f"afterburner.baseUrl / AFTERBURNER_OPENAI_BASE_URL points at the API root, "
            f"usually ending in /v1"
        )

    def _auth_error(self, url: str, status: int, raw: bytes) -> BackendError:
        what = "rejected the API key" if self._api_key else "requires an API key"
        return _FatalError(
            f"the server at {url} {what} (HTTP {status}: {_error_message(raw)}); {_FIX_KEY}"
        )
