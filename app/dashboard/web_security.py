"""Signed cookies, security headers on every response, and CSRF for every POST."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "x-content-type-options": "nosniff",
}


class SecurityHeadersMiddleware:
    """Adds the headers to every response the sub-app sends, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CookieJar:
    """Signed, timestamped cookie values (itsdangerous); Secure behind https."""

    def __init__(self, secret: bytes, *, force_secure: bool) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="repo-hygiene-dashboard")
        self._force_secure = force_secure

    def read(self, request: Request, name: str, max_age: int) -> dict[str, Any] | None:
        raw = request.cookies.get(name)
        if not raw:
            return None
        try:
            value = self._serializer.loads(raw, max_age=max_age)
        except BadSignature:
            return None
        return value if isinstance(value, dict) else None

    def encode(self, value: dict[str, Any]) -> str:
        return self._serializer.dumps(value)

    def write(
        self, response: Response, request: Request, name: str, value: dict[str, Any], max_age: int
    ) -> None:
        response.set_cookie(
            name,
            self.encode(value),
            max_age=max_age,
            path="/",
            httponly=True,
            samesite="lax",
            secure=self._force_secure or request.url.scheme == "https",
        )

    def clear(self, response: Response, request: Request, name: str) -> None:
        response.delete_cookie(
            name,
            path="/",
            httponly=True,
            samesite="lax",
            secure=self._force_secure or request.url.scheme == "https",
        )


def new_token() -> str:
    return secrets.token_urlsafe(32)


Endpoint = Callable[[Request], Awaitable[Response]]


CSRF_HEADER = "x-csrf-token"
FORM_MAX_BYTES = 4 * 1024  # the dashboard's forms carry one token; nothing bigger is ever read
FORM_TYPE = "application/x-www-form-urlencoded"


class FormTooLarge(Exception):
    pass


async def read_small_body(request: Request, limit: int = FORM_MAX_BYTES) -> bytes:
    """The body, refused (FormTooLarge) as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FormTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise FormTooLarge
    return bytes(body)


async def _given_token(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != FORM_TYPE:
        return None  # multipart and the rest are never parsed (nor spooled to disk)
    values = parse_qs((await read_small_body(request)).decode("latin-1"), max_num_fields=8)
    tokens = values.get("csrf", [])
    return tokens[0] if len(tokens) == 1 else None


def csrf_protected(
    expected_token: Callable[[Request], Awaitable[str | None]], endpoint: Endpoint
) -> Endpoint:
    """Wrap a POST endpoint: the session's token must come back in the `X-CSRF-Token` header or in
    the urlencoded `csrf` field. Without a session nothing of the body is read; with one, at most
    FORM_MAX_BYTES of it."""

    async def guarded(request: Request) -> Response:
        expected = await expected_token(request)
        if not expected:
            return PlainTextResponse("CSRF token missing or invalid", status_code=403)
        try:
            given = await _given_token(request)
        except FormTooLarge:
            return PlainTextResponse("form too large", status_code=413)
        except ValueError:  # more fields than any form of ours has
            given = None
        if not given or not hmac.compare_digest(given.encode(), expected.encode()):
            return PlainTextResponse("CSRF token missing or invalid", status_code=403)
        return await endpoint(request)

    return guarded
