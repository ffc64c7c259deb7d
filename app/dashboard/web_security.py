"""Signed cookies, security headers on every response, and CSRF for every POST."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

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


def csrf_protected(
    expected_token: Callable[[Request], Awaitable[str | None]], endpoint: Endpoint
) -> Endpoint:
    """Wrap a POST endpoint: the form's `csrf` field must equal the session's token."""

    async def guarded(request: Request) -> Response:
        expected = await expected_token(request)
        form = await request.form()
        given = form.get("csrf")
        if not expected or not isinstance(given, str) or not hmac.compare_digest(given, expected):
            return PlainTextResponse("CSRF token missing or invalid", status_code=403)
        return await endpoint(request)

    return guarded
