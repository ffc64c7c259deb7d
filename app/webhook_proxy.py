"""Relays webhook deliveries from a smee.io-style channel (`WEBHOOK_PROXY_URL`) to the local webhook
route, as Probot does in development.

The channel is a server-sent-events stream; each message's data is a JSON object holding the original
request's headers (lower-case names) and its `body`. The relay POSTs that body with the original
`X-GitHub-Event`, `X-GitHub-Delivery` and `X-Hub-Signature-256`, so the local route verifies the
signature exactly as for a direct delivery: the relay holds no secret and signs nothing.

Byte-exactness: smee.io parses the JSON body it receives and re-serialises it inside each event, so the
original bytes are gone. The relay forwards the text of `body` exactly as it stands in the event (what
smee-client sends too); it matches GitHub's bytes, and the signature verifies, only when GitHub's
serialisation is the compact one smee produces. A delivery whose bytes differ is refused (401), never
accepted unverified.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]

import anyio
import httpx

log = logging.getLogger(__name__)

FORWARDED_HEADERS = (
    "x-github-event",
    "x-github-delivery",
    "x-hub-signature-256",
    "x-github-hook-id",
    "x-github-hook-installation-target-type",
    "x-github-hook-installation-target-id",
)
STREAM_TIMEOUT = httpx.Timeout(10, read=90)  # smee.io pings every 30 s; silence past 90 s is a dead link
FORWARD_TIMEOUT = httpx.Timeout(30)
_WHITESPACE = " \t\n\r"


@dataclass(frozen=True)
class ServerSentEvent:
    event: str
    data: str
    id: str | None
    retry: int | None = None


_LINE_END = re.compile(r"\r\n|\r|\n")


async def event_stream_lines(chunks: AsyncIterator[str]) -> AsyncIterator[str]:
    """Lines of an event stream, which end at CRLF, CR or LF only. (httpx's `aiter_lines` also breaks
    at U+2028 and the like, which JSON.stringify leaves raw inside a message's data.)"""
    buffer = ""
    async for chunk in chunks:
        buffer += chunk
        start = 0
        for end in _LINE_END.finditer(buffer):
            if end.group() == "\r" and end.end() == len(buffer):
                break  # maybe the first half of a CRLF split across chunks
            yield buffer[start : end.start()]
            start = end.end()
        buffer = buffer[start:]
    if buffer.endswith("\r"):
        yield buffer[:-1]
    elif buffer:
        yield buffer


async def parse_sse(lines: AsyncIterator[str]) -> AsyncIterator[ServerSentEvent]:
    """Server-sent events from a stream's lines (the WHATWG event-stream format)."""
    event, last_id, retry = "", None, None
    data_lines: list[str] = []
    async for line in lines:
        if line == "":
            if data_lines:
                yield ServerSentEvent(event or "message", "\n".join(data_lines), last_id, retry)
            event, data_lines, retry = "", [], None
            continue
        if line.startswith(":"):
            continue  # a comment (keep-alive)
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "data":
            data_lines.append(value)
        elif field == "event":
            event = value
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and value.isdigit():
            retry = int(value)


def raw_member(text: str, key: str) -> str | None:
    """The JSON text of the top-level member `key` of the object in `text`, character for character as
    it stands there (None when `text` is no object or lacks it). Raises ValueError on malformed JSON."""
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in _WHITESPACE:
            i += 1
        return i

    i = skip(0)
    if not text.startswith("{", i):
        return None
    i = skip(i + 1)
    if text.startswith("}", i):
        return None
    while True:
        if not text.startswith('"', i):
            raise ValueError(f"expected a member name at {i}")
        name, i = scanstring(text, i + 1)
        i = skip(i)
        if not text.startswith(":", i):
            raise ValueError(f"expected ':' at {i}")
        start = skip(i + 1)
        _, end = decoder.raw_decode(text, start)
        if name == key:
            return text[start:end]
        i = skip(end)
        if text.startswith("}", i):
            return None
        if not text.startswith(",", i):
            raise ValueError(f"expected ',' at {i}")
        i = skip(i + 1)


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]
    body: bytes


def delivery_from_event(data: str) -> Delivery | None:
    """The delivery a channel message carries, or None when it carries none (or is malformed)."""
    try:
        message = json.loads(data)
        body = raw_member(data, "body")
    except ValueError:
        return None
    if not isinstance(message, dict) or body is None:
        return None
    headers = {name: message[name] for name in FORWARDED_HEADERS if isinstance(message.get(name), str)}
    if "x-github-event" not in headers:
        return None
    headers["content-type"] = "application/json"
    return Delivery(headers, body.encode("utf-8"))


class WebhookProxy:
    """Reads the channel for ever: reconnects with exponential backoff (and `Last-Event-ID`), forwards
    each delivery to `target` once. Cancel the task running `run()` to stop it."""

    def __init__(
        self,
        source: str,
        target: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        min_backoff: float = 1.0,
        max_backoff: float = 60.0,
    ) -> None:
        self.source = source
        self.target = target
        self.transport = transport
        self.min_backoff = min_backoff
        self.max_backoff = max_backoff
        self.last_event_id: str | None = None
        self.forwarded = 0
        self._connected = False

    async def run(self) -> None:
        log.info("relaying webhooks from %s to %s", self.source, self.target)
        backoff = self.min_backoff
        async with (
            httpx.AsyncClient(timeout=STREAM_TIMEOUT, transport=self.transport) as stream_client,
            httpx.AsyncClient(timeout=FORWARD_TIMEOUT, transport=self.transport) as forward_client,
        ):
            while True:
                self._connected = False
                try:
                    retry = await self._listen(stream_client, forward_client)
                    delay = self.min_backoff if retry is None else retry / 1000
                    backoff = self.min_backoff
                    log.info("webhook proxy: the channel closed the stream; reconnecting")
                except Exception as exc:  # the relay outlives any one bad stream or message
                    if self._connected:  # a link that worked and broke: retry soon, then back off
                        backoff = self.min_backoff
                    delay = backoff
                    backoff = min(self.max_backoff, backoff * 2)
                    log.warning(
                        "webhook proxy: channel %s unavailable (%s); retrying in %.0f s",
                        self.source,
                        type(exc).__name__,
                        delay,
                    )
                await anyio.sleep(delay)

    async def _listen(
        self, stream_client: httpx.AsyncClient, forward_client: httpx.AsyncClient
    ) -> int | None:
        """One connection; returns the server's `retry` advice (ms) when it ends the stream."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = self.last_event_id
        retry: int | None = None
        async with stream_client.stream("GET", self.source, headers=headers) as response:
            response.raise_for_status()
            self._connected = True
            async for event in parse_sse(event_stream_lines(response.aiter_text())):
                if event.id is not None:
                    self.last_event_id = event.id
                if event.retry is not None:
                    retry = event.retry
                if event.event == "message":
                    await self._forward(forward_client, event.data)
        return retry

    async def _forward(self, client: httpx.AsyncClient, data: str) -> None:
        delivery = delivery_from_event(data)
        if delivery is None:
            log.warning("webhook proxy: a channel message without a GitHub delivery was skipped")
            return
        guid = delivery.headers.get("x-github-delivery", "?")
        try:
            response = await client.post(self.target, content=delivery.body, headers=delivery.headers)
        except httpx.HTTPError as exc:
            log.warning("webhook proxy: delivery %s not forwarded (%s)", guid, type(exc).__name__)
            return
        self.forwarded += 1
        log.info("webhook proxy: %s %s -> %d", delivery.headers["x-github-event"], guid, response.status_code)
