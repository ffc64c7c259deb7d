"""Webhooks out: payloads like GitHub's, signed over the exact bytes, delivered by a background thread."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import queue
import threading
import time
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from simulator.state import Delivery, SimState

log = logging.getLogger("simulator.webhooks")

_SHARED = Path(os.environ.get("REPO_HYGIENE_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@cache
def _example(event: str, action: str | None) -> dict[str, Any] | None:
    """GitHub's own example payload for this event, when ../shared is present (else None)."""
    folder = _SHARED / "fixtures" / "webhooks" / event
    name = f"{action}.payload.json" if action else "payload.json"
    try:
        data = json.loads((folder / name).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _fill_missing(ours: dict[str, Any], example: dict[str, Any]) -> None:
    """Add keys our builders do not produce from GitHub's example, inside objects we already send."""
    for key, ours_value in ours.items():
        theirs = example.get(key)
        if isinstance(ours_value, dict) and isinstance(theirs, dict):
            for sub_key, sub_value in theirs.items():
                if sub_key not in ours_value and not isinstance(sub_value, dict | list):
                    ours_value[sub_key] = sub_value
            _fill_missing(ours_value, theirs)


_REST_ONLY_REPO_KEYS = ("permissions", "organization", "network_count", "subscribers_count")


def webhook_shape(value: Any) -> Any:
    """REST bodies differ slightly from webhook bodies: adjust keys the way GitHub's payloads have them."""
    if isinstance(value, list):
        return [webhook_shape(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: webhook_shape(v) for k, v in value.items()}
    if "full_name" in out and "forks_url" in out:  # a full repository
        for key in _REST_ONLY_REPO_KEYS:
            out.pop(key, None)
        out.setdefault("custom_properties", {})
        out.setdefault("stargazers", out.get("stargazers_count", 0))
    if ("slug" in out and "events" in out) or "app_slug" in out:  # an app or an installation
        out.pop("client_id", None)
    if "head_sha" in out and "before" in out and "after" in out:  # a check suite
        for key in ("repository", "rerequestable", "runs_rerequestable"):
            out.pop(key, None)
    return out


class Outbox:
    """Sends recorded deliveries in order from one background thread."""

    def __init__(self, state: SimState, timeout: float = 10.0) -> None:
        self.state = state
        self.timeout = timeout
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="sandbox-webhooks", daemon=True)
        self._thread.start()

    def enqueue(self, delivery_id: int) -> None:
        self._queue.put(delivery_id)

    def drain(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0:
                return True
            time.sleep(0.01)
        return False

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        with httpx.Client(timeout=self.timeout) as client:
            while True:
                item = self._queue.get()
                try:
                    if item is None:
                        return
                    self._send(client, item)
                except Exception:  # a broken delivery must never stop the queue
                    log.exception("webhook delivery %s crashed", item)
                finally:
                    self._queue.task_done()

    def _send(self, client: httpx.Client, delivery_id: int) -> None:
        with self.state.lock:
            delivery = next((d for d in self.state.deliveries if d.id == delivery_id), None)
            if delivery is None:  # the state was reset while it waited
                return
            app = self.state.the_app()
            url = app.webhook_url if app else None
        started = time.monotonic()
        if not url:
            status, code, text = "no webhook URL", 0, ""
        else:
            try:
                response = client.post(url, content=delivery.body, headers=delivery.headers)
                code, text = response.status_code, response.text[:2000]
                status = "OK" if 200 <= code < 300 else f"Invalid HTTP Response: {code}"
            except httpx.HTTPError as exc:
                status, code, text = f"failure: {type(exc).__name__}", 0, ""
        with self.state.lock:
            delivery.status, delivery.status_code, delivery.response_body = status, code, text
            delivery.duration = time.monotonic() - started
        if code and not 200 <= code < 300:
            log.warning("webhook %s %s answered %s", delivery.event, delivery.guid, code)


ALWAYS_SENT = ("installation", "installation_repositories", "github_app_authorization")


def _subscribed(state: SimState, event: str, payload: dict[str, Any]) -> bool:
    """GitHub sends an installation only the events it subscribed to (checks: also with checks access)."""
    if event in ALWAYS_SENT:
        return True
    inst = state.installations.get((payload.get("installation") or {}).get("id", -1))
    if inst is None:
        return False
    if event in ("check_suite", "check_run") and inst.permissions.get("checks"):
        return True
    return event in inst.events


def record(
    state: SimState,
    event: str,
    payload: dict[str, Any],
    *,
    guid: str | None = None,
    redelivery: bool = False,
    body: bytes | None = None,
) -> Delivery | None:
    """Store a delivery and queue it for sending (caller holds state.lock)."""
    app = state.the_app()
    if app is None or not state.webhooks_enabled or not _subscribed(state, event, payload):
        return None
    action = payload.get("action")
    if body is None:
        payload = webhook_shape(payload)
        example = _example(event, action)
        if example is not None:
            _fill_missing(payload, example)
        body = json.dumps(payload).encode()
    guid = guid or str(uuid.uuid4())
    inst = payload.get("installation") or {}
    repo = payload.get("repository") or {}
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/sim",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid,
        "X-GitHub-Hook-ID": str(app.hook_id),
        "X-GitHub-Hook-Installation-Target-Type": "integration",
        "X-GitHub-Hook-Installation-Target-ID": str(app.id),
        "X-Hub-Signature-256": signature(app.webhook_secret, body),
    }
    delivery = Delivery(
        id=state.new_id(),
        guid=guid,
        event=event,
        action=action,
        installation_id=inst.get("id"),
        repository_id=repo.get("id"),
        body=body,
        headers=headers,
        redelivery=redelivery,
        created_at=state.now(),
    )
    state.deliveries.append(delivery)
    if state.outbox is not None:
        state.outbox.enqueue(delivery.id)
    return delivery


def redeliver(state: SimState, delivery: Delivery) -> Delivery | None:
    return record(
        state,
        delivery.event,
        json.loads(delivery.body),
        guid=delivery.guid,
        redelivery=True,
        body=delivery.body,
    )
