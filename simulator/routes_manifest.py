"""Registering an App from a manifest: GitHub's new-App pages (the browser POSTs the `manifest` form
field; GitHub creates the App and redirects to its `redirect_url` with a one-hour `code` and the
caller's `state`) and the code exchange, `POST /app-manifests/{code}/conversions` (no authentication:
the code is the credential; it answers the App with its `pem`, `webhook_secret` and `client_secret`).

The simulator holds one App: a registration replaces the one it had. Its webhooks then go to the
manifest's `hook_attributes.url`, signed with the new secret.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from simulator.api import API, ApiError, Ctx, json_response
from simulator.keys import PKCS1, rsa_key_pair
from simulator.shapes import app_json
from simulator.state import Account, ManifestCode, SimApp, SimState

CODE_LIFETIME = 3600.0
MAX_FORM_BYTES = 64 * 1024
PERMISSION_LEVELS = ("read", "write", "admin", "none")


def _key_pair() -> tuple[str, str]:
    """(private key as GitHub hands it out: PKCS#1 PEM, public key PEM)."""
    return rsa_key_pair(PKCS1)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "app"


def _http_url(value: Any) -> bool:
    parts = urlsplit(str(value or ""))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def validate_manifest(manifest: Any) -> str | None:
    """What GitHub would refuse in this manifest, or None."""
    if not isinstance(manifest, dict):
        return "the manifest must be a JSON object"
    if not isinstance(manifest.get("name"), str) or not manifest["name"].strip():
        return "name is required"
    if not _http_url(manifest.get("url")):
        return "url is required"
    hook = manifest.get("hook_attributes") or {}
    if not isinstance(hook, dict) or (hook.get("active", True) and not _http_url(hook.get("url"))):
        return "hook_attributes.url is required for an active webhook"
    if not _http_url(manifest.get("redirect_url")):
        return "redirect_url is required"
    callbacks = manifest.get("callback_urls") or []
    if not isinstance(callbacks, list) or len(callbacks) > 10 or not all(_http_url(u) for u in callbacks):
        return "callback_urls must be at most 10 URLs"
    permissions = manifest.get("default_permissions") or {}
    if not isinstance(permissions, dict) or any(v not in PERMISSION_LEVELS for v in permissions.values()):
        return "default_permissions must map each permission to read, write or admin"
    events = manifest.get("default_events") or []
    if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
        return "default_events must be a list of event names"
    return None


def create_app_from_manifest(state: SimState, manifest: dict[str, Any], owner: str) -> tuple[SimApp, str]:
    """The App the manifest describes, with fresh credentials; returns it and its exchange code
    (caller holds state.lock)."""
    private_pem, public_pem = _key_pair()
    app_id = state.new_id()
    hook = manifest.get("hook_attributes") or {}
    name = manifest["name"].strip()
    app = SimApp(
        id=app_id,
        slug=_slug(name),
        name=name,
        client_id=f"Iv1.{secrets.token_hex(8)}",
        client_secret=secrets.token_hex(20),
        public_key_pem=public_pem,
        webhook_url=str(hook["url"]) if hook.get("active", True) else None,
        webhook_secret=secrets.token_hex(20),
        permissions={k: v for k, v in (manifest.get("default_permissions") or {}).items() if v != "none"},
        events=list(manifest.get("default_events") or []),
        owner=owner,
        callback_urls=[str(u) for u in manifest.get("callback_urls") or []],
        hook_id=state.new_id(),
    )
    state.apps.clear()
    state.apps[app.id] = app
    bot = f"{app.slug}[bot]"
    if state.account(bot) is None:
        state.accounts[bot.lower()] = Account(state.new_id(), bot, "Bot")
    code = secrets.token_hex(20)
    state.manifest_codes[code] = ManifestCode(app.id, private_pem, state.now() + CODE_LIFETIME)
    return app, code


def _refusal(message: str, status: int = 422) -> HTMLResponse:
    return HTMLResponse(
        f"<h1>Invalid GitHub App configuration</h1><p>{_escape(message)}</p>", status_code=status
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


async def new_app(request: Request) -> Response:
    """The "Create GitHub App" page, answered as if its button were clicked at once."""
    state: SimState = request.app.state.sim
    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        return _refusal("the form is too large", 413)
    form = dict(parse_qsl(raw.decode(errors="replace")))
    try:
        manifest = json.loads(form.get("manifest", ""))
    except ValueError:
        return _refusal("the manifest is not JSON")
    problem = validate_manifest(manifest)
    if problem:
        return _refusal(problem)
    org = request.path_params.get("org")
    with state.lock:
        if org is not None:
            account = state.account(org)
            if account is None or account.type != "Organization":
                return HTMLResponse("<h1>404: no such organization</h1>", status_code=404)
            owner = account.login
        else:
            owner = state.signed_in_user or "sandbox"
        _, code = create_app_from_manifest(state, manifest, owner)
    params = {"code": code}
    if request.query_params.get("state") is not None:
        params["state"] = request.query_params["state"]
    redirect = manifest["redirect_url"]
    separator = "&" if "?" in redirect else "?"
    return RedirectResponse(f"{redirect}{separator}{urlencode(params)}", status_code=302)


@API.route("POST", "/app-manifests/{code}/conversions")
async def convert(ctx: Ctx) -> Response:
    pending = ctx.state.manifest_codes.pop(ctx.params["code"], None)
    app = ctx.state.apps.get(pending.app_id) if pending is not None else None
    if pending is None or app is None or pending.expires_at < ctx.state.now():
        raise ApiError(404, "Not Found")
    body = app_json(ctx.state, app) | {
        "client_secret": app.client_secret,
        "webhook_secret": app.webhook_secret,
        "pem": pending.pem,
    }
    return json_response(body, 201)


def routes() -> list[Route]:
    return [
        Route("/settings/apps/new", new_app, methods=["POST"]),
        Route("/organizations/{org}/settings/apps/new", new_app, methods=["POST"]),
    ]
