"""Attacks on the web server itself: slow headers, oversized headers, idle keep-alive connections
and floods of connections, against a real uvicorn configured as `repo-hygiene serve` configures it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from app.server_limits import MAX_HEADER_BYTES, HeaderTimeoutH11Protocol, uvicorn_limits


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _hello(request: Request) -> Response:
    return PlainTextResponse("hello")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, dict[str, Any]]]:
    monkeypatch.setattr(HeaderTimeoutH11Protocol, "header_seconds", 0.5)
    limits = {**uvicorn_limits(), "timeout_keep_alive": 1, "limit_concurrency": 3}
    port = _free_port()
    app = Starlette(routes=[Route("/", _hello)])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off", **limits)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.02)
    yield port, limits
    instance.should_exit = True
    thread.join(timeout=10)


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server closes the connection (recv returns b"" or resets) within `seconds`."""
    sock.settimeout(seconds)
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_serve_uses_the_limits() -> None:
    limits = uvicorn_limits()
    assert limits["http"] is HeaderTimeoutH11Protocol
    assert (
        limits["limit_concurrency"]
        and limits["timeout_keep_alive"]
        and limits["h11_max_incomplete_event_size"]
    )


def test_a_client_dribbling_its_headers_is_disconnected(server: tuple[int, dict[str, Any]]) -> None:
    port, _ = server
    with _connect(port) as sock:
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        for _ in range(3):
            time.sleep(0.1)
            sock.sendall(b"X-Slow: y\r\n")  # bytes keep coming, the headers never end
        assert _closed_within(sock, 3)
        assert time.monotonic() - started < 3


def test_a_silent_connection_is_disconnected(server: tuple[int, dict[str, Any]]) -> None:
    port, _ = server
    with _connect(port) as sock:
        assert _closed_within(sock, 3)


def test_a_prompt_request_is_answered_and_an_idle_keep_alive_is_closed(
    server: tuple[int, dict[str, Any]],
) -> None:
    port, _ = server
    with _connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(3)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # the connection is kept alive
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        assert _closed_within(sock, 3)  # then closed once idle


def test_oversized_headers_are_refused(server: tuple[int, dict[str, Any]]) -> None:
    port, _ = server
    with _connect(port) as sock:
        # headers still incomplete past the limit (h11 counts what it buffers while waiting for the end)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (MAX_HEADER_BYTES + 1024))
        time.sleep(0.2)
        sock.sendall(b"\r\n\r\n")
        sock.settimeout(3)
        answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 400") or answer == b""


def test_connections_beyond_the_limit_get_503(server: tuple[int, dict[str, Any]]) -> None:
    port, limits = server
    held = [_connect(port) for _ in range(limits["limit_concurrency"] + 1)]
    try:
        with _connect(port) as extra:
            extra.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            extra.settimeout(3)
            assert extra.recv(4096).startswith(b"HTTP/1.1 503")
    finally:
        for sock in held:
            sock.close()
