"""A cap on request bodies for every route but the webhook receiver (which has its own, 25 MB).

The dashboard's only form carries a CSRF token; no other route takes a body. A declared
Content-Length over the cap is refused before anything is read; a chunked body is cut off (413) as
soon as it passes the cap, so no request can make the app buffer or spool more than that.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

NON_WEBHOOK_MAX_BYTES = 8 * 1024


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": b"request body too large"})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, exempt_paths: tuple[str, ...], limit: int = NON_WEBHOOK_MAX_BYTES):
        self.app = app
        self.exempt_paths = exempt_paths
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.exempt_paths:
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _refuse(send)
                return
        seen = 0
        started = refused = False

        async def capped_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # answer now; the app sees a client that went away, and whatever it sends is dropped
                    refused = True
                    if not started:
                        await _refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped_receive, tracking_send)
        except Exception:
            if not refused:
                raise
