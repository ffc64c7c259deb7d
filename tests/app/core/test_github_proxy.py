"""Both of the App's clients honour the environment's proxy (`HTTP_PROXY`, `NO_PROXY`), the
installation client too, although its conditional transport is built by the app and not by httpx."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import pytest

from app.github.client import GitHubApp
from app.github.errors import github_errors
from app.settings import Settings

from .conftest import token_response

pytestmark = pytest.mark.anyio


class ForwardProxy:
    """A loopback HTTP server that answers as GitHub would and records each request's target: an
    absolute URL when the client sent the request through it as a proxy, a path when it came direct."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    async def handle(self, stream: anyio.abc.SocketStream) -> None:
        async with stream:
            head = b""
            while b"\r\n\r\n" not in head:
                head += await stream.receive()
            lines = head.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")
            target = lines[0].split(" ")[1]
            self.targets.append(target)
            body = json.dumps(token_response(1) if target.endswith("/access_tokens") else {"id": 1})
            await stream.send(
                (
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n{body}"
                ).encode()
            )


@asynccontextmanager
async def serving(proxy: ForwardProxy) -> AsyncIterator[str]:
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1")
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with listener, anyio.create_task_group() as tasks:
        tasks.start_soon(listener.serve, proxy.handle)
        yield f"http://127.0.0.1:{port}"
        tasks.cancel_scope.cancel()


def app_for(settings: Settings, api_url: str) -> GitHubApp:
    return GitHubApp(settings.model_copy(update={"github_api_url": api_url}))


async def get_repository(app: GitHubApp) -> object:
    async with app.installation(1) as gh:
        with github_errors():
            return (await gh.arequest("GET", "/repos/acme/a")).json()


async def test_the_installation_client_goes_through_the_environments_proxy(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = ForwardProxy()
    async with serving(proxy) as proxy_url:
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        assert await get_repository(app_for(settings, "http://github.example")) == {"id": 1}
    assert proxy.targets == [
        "http://github.example/app/installations/1/access_tokens",
        "http://github.example/repos/acme/a",
    ]


async def test_a_host_in_no_proxy_is_reached_directly(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    github = ForwardProxy()
    async with serving(github) as github_url:
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # the discard port: nothing answers
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        assert await get_repository(app_for(settings, github_url)) == {"id": 1}
    assert github.targets == ["/app/installations/1/access_tokens", "/repos/acme/a"]
