"""Connection limits for the web server (uvicorn with h11), so that slow or numerous clients cannot
hold the process: documented in docs/operations.md.

- at most LIMIT_CONCURRENCY connections and tasks at once (more are answered 503 at once);
- an idle keep-alive connection is closed after KEEP_ALIVE_SECONDS;
- a request's line and headers must arrive within HEADER_SECONDS of the connection opening (or of
  the previous response on a kept-alive connection), and may total at most MAX_HEADER_BYTES (h11);
- the webhook body must arrive within `app.web.BODY_READ_SECONDS`, other bodies are capped at
  `app.body_limit.NON_WEBHOOK_MAX_BYTES`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

LIMIT_CONCURRENCY = 200
KEEP_ALIVE_SECONDS = 5
HEADER_SECONDS = 10.0
MAX_HEADER_BYTES = 16 * 1024
GRACEFUL_SHUTDOWN_SECONDS = 30


class HeaderTimeoutH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus a deadline for each request's headers (uvicorn has none: a
    client sending one header byte at a time would otherwise keep its connection for ever)."""

    header_seconds = HEADER_SECONDS
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are complete
            self._disarm_header_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_seconds, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def uvicorn_limits() -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` / `uvicorn.Config`."""
    return {
        "http": HeaderTimeoutH11Protocol,
        "limit_concurrency": LIMIT_CONCURRENCY,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }
