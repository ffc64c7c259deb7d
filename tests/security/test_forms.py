"""Attacks with request bodies outside the webhook: nothing is read before the session and CSRF
checks, and no body beyond a few KB is ever buffered or spooled."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from app.body_limit import NON_WEBHOOK_MAX_BYTES, BodyLimitMiddleware
from app.dashboard.context import SESSION_COOKIE
from app.dashboard.web_security import FORM_MAX_BYTES
from tests.app.dashboard.conftest import Client, SignIn

pytestmark = pytest.mark.anyio

CHUNK = 64 * 1024
GIGABYTE = 1024**3


class Body:
    """A request body of `total` bytes that counts how much of it the server pulled."""

    def __init__(self, total: int, first: bytes = b"csrf=") -> None:
        self.total, self.first, self.pulled = total, first, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        sent = 0
        while sent < self.total:
            chunk = self.first if sent == 0 else b"a" * min(CHUNK, self.total - sent)
            sent += len(chunk)
            self.pulled = sent
            yield chunk


FORM = {"content-type": "application/x-www-form-urlencoded"}
MULTIPART = {"content-type": "multipart/form-data; boundary=xyz"}


@pytest.mark.parametrize("headers", [FORM, MULTIPART], ids=["urlencoded", "multipart"])
async def test_logout_without_a_session_answers_403_before_reading_the_body(
    anon: Client, headers: dict[str, str]
) -> None:
    body = Body(GIGABYTE, b"--xyz\r\n" if headers is MULTIPART else b"csrf=")
    response = await anon.post("/logout", content=body, headers=headers)
    assert response.status_code == 403
    assert body.pulled < CHUNK  # at most the first few bytes ever left the client


async def test_logout_with_a_session_reads_at_most_a_few_kb(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    body = Body(GIGABYTE)
    response = await client.post("/logout", content=body, headers=FORM)
    assert response.status_code == 413
    assert body.pulled <= FORM_MAX_BYTES + CHUNK
    declared = await client.post("/logout", content=b"csrf=" + b"a" * FORM_MAX_BYTES, headers=FORM)
    assert declared.status_code == 413


async def test_a_multipart_body_is_never_parsed_even_with_a_session(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    body = Body(10 * CHUNK, b"--xyz\r\n")
    response = await client.post("/logout", content=body, headers=MULTIPART)
    assert response.status_code == 403
    assert body.pulled < CHUNK


def _csrf_of(client: Client) -> str:
    from itsdangerous import URLSafeTimedSerializer

    raw = client.cookies[SESSION_COOKIE]
    payload = URLSafeTimedSerializer(b"x").loads_unsafe(raw)[1]
    assert isinstance(payload, dict)
    return str(payload["csrf"])


async def test_the_token_may_come_in_a_header_or_the_small_form(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    token = _csrf_of(client)
    assert (await client.post("/logout", headers={"x-csrf-token": "wrong"})).status_code == 403
    assert (await client.post("/logout", headers={"x-csrf-token": token})).status_code == 303
    again = await sign_in("ada")
    form = await again.post("/logout", data={"csrf": _csrf_of(again)})
    assert form.status_code == 303


async def test_repeated_csrf_fields_are_refused(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    token = _csrf_of(client)
    response = await client.post("/logout", content=f"csrf=x&csrf={token}", headers=FORM)
    assert response.status_code == 403


# -- the cap on every non-webhook body (the whole app) ---------------------------------------------


def _echo_app() -> BodyLimitMiddleware:
    async def echo(request: Request) -> Response:
        return PlainTextResponse(str(len(await request.body())))

    inner = Starlette(routes=[Route("/{path:path}", echo, methods=["POST"])])
    return BodyLimitMiddleware(inner, exempt_paths=("/hook",))


async def test_every_non_webhook_body_is_capped() -> None:
    transport = httpx.ASGITransport(app=_echo_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.post("/form", content=b"x" * 100)).text == "100"
        declared = await client.post("/form", content=b"x" * (NON_WEBHOOK_MAX_BYTES + 1))
        assert declared.status_code == 413
        chunked = Body(GIGABYTE)
        streamed = await client.post("/form", content=chunked)
        assert streamed.status_code == 413
        assert chunked.pulled <= NON_WEBHOOK_MAX_BYTES + CHUNK
        assert (await client.post("/hook", content=b"x" * (NON_WEBHOOK_MAX_BYTES * 4))).status_code == 200


async def test_the_app_caps_dashboard_bodies_but_not_webhooks(client: httpx.AsyncClient) -> None:
    big = b"csrf=" + b"a" * NON_WEBHOOK_MAX_BYTES
    assert (await client.post("/logout", content=big, headers=FORM)).status_code == 413
    # the webhook keeps its own 25 MB cap: a 16 KB body reaches the signature check (401, not 413)
    hook = await client.post("/api/github/webhooks", content=b"{" + b" " * 16_000 + b"}")
    assert hook.status_code == 401
