"""Pure webhook verification: (headers, exact body, secret) -> WebhookEvent, or raise.

Only `X-Hub-Signature-256` with the `sha256=` prefix is accepted (never SHA-1), compared in
constant time over the exact bytes received. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping

from app.errors import SignatureError, WebhookError
from app.webhooks.router import WebhookEvent

# GitHub's payloads nest about ten levels; anything far deeper is an attack on every recursive walker
MAX_DEPTH = 100


def signature_for(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(header: str | None, body: bytes, secret: str) -> None:
    if not secret:
        raise SignatureError("no webhook secret is configured; refusing unsigned deliveries")
    if not header:
        raise SignatureError("missing X-Hub-Signature-256 header")
    if not header.startswith("sha256="):
        raise SignatureError("X-Hub-Signature-256 must start with 'sha256='")
    if not hmac.compare_digest(header.encode(), signature_for(secret, body).encode()):
        raise SignatureError("signature does not match the body")


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:
        value = headers.get(name.lower())
    return value


def verify_and_parse(headers: Mapping[str, str], body: bytes, secret: str) -> WebhookEvent:
    """Verify first, then parse. Raises SignatureError (401) or WebhookError (400)."""
    verify_signature(_header(headers, "X-Hub-Signature-256"), body, secret)
    event = _header(headers, "X-GitHub-Event")
    delivery = _header(headers, "X-GitHub-Delivery")
    if not event:
        raise WebhookError("missing X-GitHub-Event header")
    if not delivery or len(delivery) > 64:
        raise WebhookError("missing or overlong X-GitHub-Delivery header")
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebhookError(f"body is not valid JSON: {exc}") from None
    except RecursionError:
        raise WebhookError("body nests too deeply") from None
    if not isinstance(payload, dict):
        raise WebhookError("body must be a JSON object")
    # a body with no more brackets than the limit cannot nest deeper: most deliveries skip the walk
    if body.count(b"{") + body.count(b"[") > MAX_DEPTH and _depth_exceeds(payload, MAX_DEPTH):
        raise WebhookError(f"body nests more than {MAX_DEPTH} levels deep")
    return WebhookEvent(name=event, delivery_id=delivery, payload=payload)


def _depth_exceeds(value: object, limit: int) -> bool:
    """True when containers nest more than `limit` deep (iterative: no recursion to exhaust)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
