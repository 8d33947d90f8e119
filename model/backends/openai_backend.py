"""A backend for any OpenAI-compatible chat server: `vllm serve`, llama.cpp's llama-server,
Ollama, hosted endpoints. Standard library only (urllib + json), so it needs no extra install.

Configuration, first found wins:
  base URL  config.base_url, $AFTERBURNER_OPENAI_BASE_URL, $OPENAI_BASE_URL,
            http://127.0.0.1:8000/v1
  model     config.model, $AFTERBURNER_OPENAI_MODEL, else the first model `GET {base}/models` lists
  API key   config.api_key, $AFTERBURNER_OPENAI_API_KEY, $OPENAI_API_KEY (none: no header)
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from afterburner.model.backends.base import BackendConfig, BackendError, GenerationSettings, Prompt
from afterburner.model.backends.openai_wire import Transport, choice_texts, clip, error_message

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "http://127.0.0.1:8000/v1"
DEFAULT_CONCURRENCY = 8
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
        self._concurrency = max(1, int(config.extra.get("concurrency", DEFAULT_CONCURRENCY)))
        # A proxy from the environment must not swallow requests to a server on this machine.
        self._wire = Transport(base, self._api_key, config.retries)
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
        status, raw = self._wire.send("GET", url, None, timeout_s)
        if status in (401, 403):
            raise self._auth_error(url, status, raw)
        if not 200 <= status < 300:
            raise _FatalError(
                f"the server at {url} did not list its models (HTTP {status}: "
                f"{error_message(raw)}); check afterburner.baseUrl (usually ending in /v1) "
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
        status, raw = self._wire.send("POST", url, body, timeout_s)
        if 200 <= status < 300:
            parsed = self._parse_json(url, raw)
            if isinstance(parsed, dict) and "choices" not in parsed and "error" in parsed:
                # Some proxies report errors with 200; treat it as a refusal.
                status = 400
            else:
                return self._choices(url, parsed, raw)
        if status in (401, 403):
            raise self._auth_error(url, status, raw)
        message = error_message(raw)
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
        texts = choice_texts(parsed)
        if isinstance(texts, str):
            raise self._protocol_error(url, texts, raw)
        return texts

    # -- errors ------------------------------------------------------------------------------

    def _parse_json(self, url: str, raw: bytes) -> Any:
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError:
            raise self._protocol_error(url, "the response is not JSON", raw) from None

    def _protocol_error(self, url: str, what: str, raw: bytes) -> BackendError:
        return _FatalError(
            f"the server at {url} did not answer like an OpenAI-compatible API ({what}: "
            f"{clip(raw.decode('utf-8', 'replace')) or 'empty body'}); check that "
            f"afterburner.baseUrl / AFTERBURNER_OPENAI_BASE_URL points at the API root, "
            f"usually ending in /v1"
        )

    def _auth_error(self, url: str, status: int, raw: bytes) -> BackendError:
        what = "rejected the API key" if self._api_key else "requires an API key"
        return _FatalError(
            f"the server at {url} {what} (HTTP {status}: {error_message(raw)}); {_FIX_KEY}"
        )
