"""The OpenAI-compatible wire, for openai_backend.py: one HTTP request with retries and
backoff, and reading what chat servers answer (error bodies, choices, content parts).
Standard library only (urllib + json)."""

from __future__ import annotations

import http.client
import ipaddress
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from afterburner.model.backends.base import BackendError

BACKOFF_S = 0.25  # first retry delay; doubles per attempt
MAX_BACKOFF_S = 4.0
MAX_RETRY_AFTER_S = 10.0
DETAIL_CHARS = 200
FIX_URL = (
    "start it (e.g. `vllm serve MODEL`) or set afterburner.baseUrl / AFTERBURNER_OPENAI_BASE_URL"
)


def clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS] + "…"


def error_message(raw: bytes) -> str:
    """The human part of an error body: OpenAI's {"error": {"message": ...}}, vLLM's and
    Ollama's variants, or the raw text."""
    text = raw.decode("utf-8", "replace")
    try:
        body = json.loads(text)
    except ValueError:
        return clip(text)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            for key in ("message", "detail", "msg"):
                if isinstance(err.get(key), str):
                    return clip(err[key])
        elif isinstance(err, str):
            return clip(err)
        if isinstance(body.get("detail"), str):
            return clip(body["detail"])
    return clip(text)


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def content_text(content: Any) -> str | None:
    """A message's content as text; None when the shape is not one a chat server sends."""
    if content is None:
        return ""  # reasoning models and refusals: an empty candidate, not an error
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
        parts = [p.get("text") for p in content if isinstance(p, dict)]
        return "".join(p for p in parts if isinstance(p, str))
    return None


def choice_texts(parsed: Any) -> list[str] | str:
    """The texts of a completion's choices in index order, or what is wrong with it."""
    choices = parsed.get("choices") if isinstance(parsed, dict) else None
    if not isinstance(choices, list):
        return "no `choices` list"
    indexed: list[tuple[int, str]] = []
    for pos, choice in enumerate(choices):
        if not isinstance(choice, dict):
            return "a choice is not an object"
        message = choice.get("message")
        if message is None:
            text: str | None = ""  # no message at all: an empty candidate
        elif isinstance(message, dict):
            text = content_text(message.get("content"))
        else:
            text = None
        if text is None:
            return "a choice's message has no text content"
        index = choice.get("index")
        indexed.append((index if isinstance(index, int) else pos, text))
    indexed.sort(key=lambda item: item[0])
    return [text for _, text in indexed]


class Transport:
    """Requests to one server: its opener (no proxy for a server on this machine), its key."""

    def __init__(self, base_url: str, api_key: str | None, retries: int) -> None:
        handlers = [urllib.request.ProxyHandler({})] if is_loopback(base_url) else []
        self._opener = urllib.request.build_opener(*handlers)
        self._api_key = api_key
        self._retries = max(0, int(retries))

    def send(
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
        delay = BACKOFF_S
        for attempt in range(attempts):
            if attempt:
                time.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF_S)
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                with self._opener.open(request, timeout=timeout_s) as resp:
                    return resp.status, resp.read()
            except urllib.error.HTTPError as exc:
                raw = read_error(exc)
                if exc.code != 429 and exc.code < 500:
                    return exc.code, raw  # the caller's to judge; a retry would not help
                http_status = exc.code
                failure = f"HTTP {exc.code}: {error_message(raw)}"
                retry_after = (exc.headers or {}).get("Retry-After", "")
                if retry_after.strip().isdigit():
                    delay = min(float(retry_after), MAX_RETRY_AFTER_S)
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
            f"{FIX_URL}{slow}"
        )


def read_error(exc: urllib.error.HTTPError) -> bytes:
    try:
        return exc.read()
    except (OSError, http.client.HTTPException):
        return b""
