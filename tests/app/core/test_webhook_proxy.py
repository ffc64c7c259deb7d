"""WEBHOOK_PROXY_URL: deliveries read from a smee.io-style channel (server-sent events, on loopback)
reach the webhook route with their original headers and body text, so a correctly signed one is
stored and a forged one stays refused: the relay holds no secret and signs nothing."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from app.main import build_services, create_app
from app.settings import Settings
from app.setup.host import AppHost
from app.store.migrate import upgrade
from app.store.models import Delivery
from app.webhook_proxy import (
    WebhookProxy,
    delivery_from_event,
    event_stream_lines,
    parse_sse,
    raw_member,
)
from app.webhooks.verify import signature_for
from simulator.testing import free_port

SECRET = "proxy-test-secret"


def smee_event(event_id: int, guid: str, body: dict[str, object], secret: str) -> str:
    """One channel message as smee.io writes it: the request's lower-case headers and its parsed body,
    re-serialised the way JavaScript's JSON.stringify does (compact, non-ASCII kept)."""
    raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    message = {
        "host": "smee.io",
        "content-type": "application/json",
        "content-length": str(len(raw)),
        "x-github-event": "sponsorship",
        "x-github-delivery": guid,
        "x-hub-signature-256": signature_for(secret, raw),
        "body": body,
        "query": {},
        "timestamp": 1764950000000,
    }
    data = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
    return f"id: {event_id}\ndata: {data}\n\n"


class Channel:
    """A loopback SSE channel: the first connection gets two deliveries (the second forged) and is
    then closed; the reconnection's Last-Event-ID is recorded and it gets a third delivery."""

    def __init__(self) -> None:
        self.last_event_ids: list[str | None] = []
        payload = {"action": "created", "installation": {"id": 1}, "note": "café <b>&</b> \u2028"}
        self.first = [
            "event: ready\ndata: {}\n\n",
            ": keep-alive comment\n\n",
            smee_event(1, "good-1", payload, SECRET),
            smee_event(2, "forged-2", payload, "not-the-secret"),
            "retry: 50\n\n",
        ]
        self.second = [smee_event(3, "good-3", {**payload, "n": 3}, SECRET)]

    async def stream(self, request: Request) -> StreamingResponse:
        self.last_event_ids.append(request.headers.get("last-event-id"))
        first = len(self.last_event_ids) == 1

        async def events() -> AsyncIterator[str]:
            for chunk in self.first if first else self.second:
                yield chunk
            if not first:
                await asyncio.sleep(3600)  # stays open, like smee.io

        return StreamingResponse(events(), media_type="text/event-stream")


class Served:
    def __init__(self, app: object) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.server.config.timeout_graceful_shutdown = 1
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    settings = Settings(webhook_secret=SECRET, database_url=f"sqlite:///{tmp_path / 'proxy.db'}")
    upgrade(settings.database_url)
    yield settings


def stored_guids(settings: Settings) -> dict[str, bytes]:
    services = build_services(settings)
    try:
        with services.sessions() as session:
            return {d.guid: d.body for d in session.scalars(select(Delivery))}
    finally:
        services.sessions.kw["bind"].dispose()


def test_the_relay_forwards_signed_deliveries_and_forged_ones_stay_refused(settings: Settings) -> None:
    channel = Channel()
    services = build_services(settings)
    app_port = free_port()
    with Served(Starlette(routes=[Route("/channel", channel.stream)])) as smee:
        proxy = WebhookProxy(
            f"http://127.0.0.1:{smee.port}/channel",
            f"http://127.0.0.1:{app_port}/api/github/webhooks",
            min_backoff=0.05,
        )
        # as `serve` runs it: the relay is a background task of the host serving the app
        host = AppHost(Starlette(), start_with=create_app(services), background=[proxy.run])
        served = Served(host)
        served.port = app_port
        served.server.config.port = app_port
        with served:
            deadline = time.monotonic() + 30
            while "good-3" not in stored_guids(settings):
                assert time.monotonic() < deadline, (channel.last_event_ids, stored_guids(settings))
                time.sleep(0.1)
    services.sessions.kw["bind"].dispose()
    stored = stored_guids(settings)
    assert set(stored) == {"good-1", "good-3"}  # forged-2 was answered 401 and never stored
    assert channel.last_event_ids == [None, "2"]  # reconnected where it left off
    assert json.loads(stored["good-1"])["note"] == "café <b>&</b> \u2028"
    assert proxy.forwarded == 3


def test_the_body_is_forwarded_as_the_exact_text_the_channel_holds() -> None:
    data = '{"x-github-event":"push" , "body" : {"b":"\\u00e9\\/", "n":1.50} ,"query":{}}'
    delivery = delivery_from_event(data)
    assert delivery is not None
    assert delivery.body == b'{"b":"\\u00e9\\/", "n":1.50}'  # escapes, spacing and 1.50 kept
    assert delivery.headers == {"x-github-event": "push", "content-type": "application/json"}
    assert raw_member('{"a":{"body":1},"b":[1,2]}', "body") is None  # only top-level members
    assert raw_member('{"a":1}', "body") is None and raw_member("[1]", "body") is None
    assert delivery_from_event('{"body":{}}') is None  # no X-GitHub-Event: not a GitHub delivery
    assert delivery_from_event("not json") is None
    assert delivery_from_event('{"x-github-event":"push","body":{') is None


@pytest.mark.anyio
async def test_server_sent_events_are_parsed_as_the_standard_says() -> None:
    lines = [":comment", "id: 7", "event: ping", "data: {}", "", "data: a", "data:b", "retry: 30", "", "data"]
    lines += ["", "id", "data: x", ""]

    async def feed() -> AsyncIterator[str]:
        for line in lines:
            yield line

    events = [event async for event in parse_sse(feed())]
    assert [(e.event, e.data, e.id, e.retry) for e in events] == [
        ("ping", "{}", "7", None),
        ("message", "a\nb", "7", 30),
        ("message", "", "7", None),
        ("message", "x", "", None),
    ]


@pytest.mark.anyio
async def test_event_stream_lines_end_at_cr_lf_and_crlf_only_even_across_chunks() -> None:
    chunks = ["a\u2028b\r", "\nc\rd", "\n\ne\r"]

    async def feed() -> AsyncIterator[str]:
        for chunk in chunks:
            yield chunk

    assert [line async for line in event_stream_lines(feed())] == ["a\u2028b", "c", "d", "", "e"]


@pytest.mark.anyio
async def test_an_unavailable_channel_is_retried_with_growing_backoff() -> None:
    import anyio
    import httpx

    gets: list[float] = []
    posts: list[httpx.Request] = []
    forwarded = anyio.Event()
    event = smee_event(9, "late-9", {"action": "created"}, SECRET)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            posts.append(request)
            forwarded.set()
            return httpx.Response(202)
        gets.append(time.monotonic())
        if len(gets) <= 3:
            return httpx.Response(503)
        return httpx.Response(200, text=event, headers={"content-type": "text/event-stream"})

    proxy = WebhookProxy(
        "http://channel.test/c",
        "http://app.test/hook",
        transport=httpx.MockTransport(handler),
        min_backoff=0.02,
    )
    with anyio.fail_after(10):
        async with anyio.create_task_group() as tg:
            tg.start_soon(proxy.run)
            await forwarded.wait()
            tg.cancel_scope.cancel()
    waits = [later - earlier for earlier, later in itertools.pairwise(gets)]
    assert waits[0] >= 0.02 and waits[1] >= 0.04 and waits[2] >= 0.08  # 1x, 2x, 4x the minimum
    assert posts[0].headers["x-github-delivery"] == "late-9"
    assert posts[0].content == b'{"action":"created"}'
