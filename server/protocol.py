"""pygls's protocol where it differs from the LSP specification, fixed in one place:

- a request whose params do not fit its type gets -32602 (pygls logs and answers nothing,
  so the client waits forever);
- a request before `initialize` gets -32002 and a notification is dropped; a request after
  `shutdown` gets -32600 (pygls answers nothing);
- `$/cancelRequest` on a running command stops its job (pygls answers -32800 at once, but
  only cancels the response: the command runs on and stores its result);
- `shutdown` cancels what runs without tripping over pygls's own callbacks ("dictionary
  changed size during iteration").
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

log = logging.getLogger("afterburner")


def _why(exc: BaseException | None) -> str:
    """Where the params went wrong, as cattrs can say it (`required field missing @ $.x`)."""
    try:
        from cattrs.v import transform_error

        return "; ".join(transform_error(exc))[:500]
    except Exception:  # noqa: BLE001 - not a cattrs validation error
        return str(exc)[:500]


class _Answered:
    """Stands for a message already answered with an error: nothing more to do."""

    jsonrpc = None


class AfterburnerProtocol(LanguageServerProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialized = False
        self.cancels: dict[Any, Any] = {}  # request id -> the threading.Event of its job

    @property
    def shut_down(self) -> bool:
        return self._shutdown

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                why = _why(exc.__cause__)
                log.warning("invalid params for %s: %s", data["method"], why)
                error = JsonRpcInvalidParams(f"invalid params for {data['method']}: {why}")
                self._send_response(data["id"], None, error.to_response_error())
            else:
                log.warning("dropped a malformed message: %s", str(data)[:300])
            return _Answered()

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Answered):
            return
        method = getattr(message, "method", None)
        is_request = method is not None and getattr(message, "id", None) is not None
        if method == types.INITIALIZE:
            self.initialized = True
        elif method is not None and method != types.EXIT:
            if not self.initialized:
                if is_request:
                    error = JsonRpcServerNotInitialized(f"{method} before initialize")
                    self._send_response(message.id, None, error.to_response_error())
                return  # notifications before initialize are dropped
            if self._shutdown:
                if is_request:
                    error = JsonRpcInvalidRequest(f"{method} after shutdown")
                    self._send_response(message.id, None, error.to_response_error())
                return
        super().handle_message(message)

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        cancel = self.cancels.get(msg_id)
        if cancel is not None:
            cancel.set()  # the job's processes are killed; its result is never stored
        super()._handle_cancel_notification(msg_id)

    @lsp_method(types.SHUTDOWN)
    def lsp_shutdown(self, *args: Any) -> Any:
        if (user_handler := self.fm.features.get(types.SHUTDOWN)) is not None:
            yield user_handler, args, None
        current = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current and not future.done():
                future.cancel()
        self._shutdown = True
        return None
