"""The setup pages `serve` shows while no GitHub App is configured: `/` and `/setup` post the manifest
to GitHub, `/setup/callback` exchanges the code GitHub sends back for the App's credentials, writes them
to `.env` and hands over to the real app (`on_registered`), without a restart.

Only a holder of the setup token (printed by `serve` on its console) sees the form, and the callback
accepts only a `state` this process issued for it (one use, one hour), so nobody else can bind this
server to an App of theirs.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx
from githubkit import GitHub
from githubkit.exception import GitHubException, RequestFailed
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from app.settings import GITHUB_LOGIN, Settings
from app.setup.env_file import update_env_file
from app.setup.manifest import ManifestError, build_manifest, load_app_yml, new_app_url, web_url_for
from app.templating import templates

log = logging.getLogger(__name__)

STATE_LIFETIME = 3600.0  # GitHub's code is valid for an hour too
MAX_PENDING_STATES = 100
CODE_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,200}")
TIMEOUT = httpx.Timeout(10, read=30)


def credentials_from_conversion(app: Any) -> dict[str, str]:
    """The `.env` settings from GitHub's answer to POST /app-manifests/{code}/conversions."""
    return {
        "APP_ID": str(app.id),
        "PRIVATE_KEY": str(app.pem),
        "WEBHOOK_SECRET": str(app.webhook_secret or ""),
        "GITHUB_CLIENT_ID": str(app.client_id),
        "GITHUB_CLIENT_SECRET": str(app.client_secret),
    }


def is_loopback_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SetupPages:
    def __init__(
        self,
        settings: Settings,
        *,
        token: str,
        app_yml: Path,
        webhook_path: str,
        on_registered: Callable[[], Awaitable[None]],
        env_path: Path = Path(".env"),
    ) -> None:
        self.settings = settings
        self.token = token
        self.app_yml = app_yml
        self.webhook_path = webhook_path
        self.on_registered = on_registered
        self.env_path = env_path
        self.web_url = web_url_for(settings.github_api_url)
        self._states: dict[str, float] = {}
        self._lock = anyio.Lock()
        self._registered = False

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/", self.register_page, methods=["GET"]),
                Route("/setup", self.register_page, methods=["GET"]),
                Route("/setup/callback", self.callback, methods=["GET"]),
                Route("/healthz", self.healthz, methods=["GET"]),
                Route(self.webhook_path, self.not_yet, methods=["POST"]),
            ]
        )

    # pages ---------------------------------------------------------------------------------------
    async def register_page(self, request: Request) -> Response:
        if not hmac.compare_digest(request.query_params.get("token", ""), self.token):
            return _page(
                "Set up repo-hygiene",
                "Open the setup link that `repo-hygiene serve` printed on its console (it carries a "
                "one-time token), or run `repo-hygiene demo` to try the app without a GitHub account.",
                status=403,
                tone="warn",
            )
        org = request.query_params.get("org") or self.settings.gh_org
        if org and not GITHUB_LOGIN.fullmatch(org):
            return _page("Set up repo-hygiene", "`org` must be an organisation's login.", status=400)
        base_url = self.settings.base_url or str(request.base_url).rstrip("/")
        try:
            manifest = build_manifest(
                load_app_yml(self.app_yml),
                base_url=base_url,
                webhook_path=self.webhook_path,
                proxy_url=self.settings.webhook_proxy_url,
            )
        except ManifestError as exc:
            return _page("Cannot register the App", str(exc), status=500)
        state = self._issue_state()
        host = urlsplit(self.web_url).netloc
        body = (
            templates()
            .get_template("setup/register.html")
            .render(
                app_yml=str(self.app_yml),
                env_path=str(self.env_path),
                form_action=f"{new_app_url(self.web_url, org)}?state={state}",
                manifest=manifest,
                manifest_json=json.dumps(manifest),
                target_label=host,
                owner_label=f"the organisation {org}" if org else "your personal account",
                unreachable_hook=is_loopback_url(manifest["hook_attributes"]["url"]),
            )
        )
        return _html(body, form_action=self.web_url)

    async def callback(self, request: Request) -> Response:
        code = request.query_params.get("code", "")
        if not self._take_state(request.query_params.get("state", "")):
            return _page(
                "Registration not accepted",
                "This registration was not started from this server's setup page, or it is over an hour "
                "old. Start again from the setup link printed on the console.",
                status=400,
            )
        if not CODE_PATTERN.fullmatch(code):
            return _page("Registration not accepted", "GitHub sent no usable code.", status=400)
        async with self._lock:
            if self._registered:
                return _page("Already registered", "This server already has its GitHub App.", status=409)
            try:
                conversion = await self._convert(code)
            except GitHubException as exc:
                status = exc.response.status_code if isinstance(exc, RequestFailed) else None
                log.warning("the manifest code exchange failed: %s", type(exc).__name__)
                return _page(
                    "Registration failed",
                    f"GitHub did not hand over the App's credentials ({status or type(exc).__name__}). "
                    "The code is valid for one hour and only once; start again from the setup page.",
                    status=502,
                )
            values = credentials_from_conversion(conversion)
            try:
                await run_in_threadpool(update_env_file, self.env_path, values)
            except OSError as exc:
                log.error("could not write %s: %s", self.env_path, exc.strerror or type(exc).__name__)
                return _page(
                    "Registration incomplete",
                    f"The App {conversion.slug or conversion.id} was created, but {self.env_path} could not "
                    f"be written ({exc.strerror or exc}). Generate a new private key on the App's settings "
                    "page and fill in .env by hand (README, Registering the App).",
                    status=500,
                )
            self._registered = True
            log.info(
                "registered GitHub App %s (id %s); credentials written to %s",
                conversion.slug,
                conversion.id,
                self.env_path,
            )
            try:
                await self.on_registered()
            except Exception as exc:  # the credentials are safe in .env; a restart picks them up
                log.error("the app did not take over after registration: %s", type(exc).__name__)
                return _page(
                    "Registered; restart needed",
                    f"{conversion.name} (App ID {conversion.id}) is registered and its credentials are in "
                    f"{self.env_path}, but the app could not start with them ({type(exc).__name__}). "
                    "Restart `repo-hygiene serve`; the log says more.",
                    status=500,
                    install_url=f"{conversion.html_url}/installations/new",
                )
        return _page(
            "The App is registered",
            f"{conversion.name} (App ID {conversion.id}) is registered and its credentials are in "
            f"{self.env_path}. This server now takes its webhooks.",
            tone="ok",
            install_url=f"{conversion.html_url}/installations/new",
        )

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"ok": True, "setup": "no GitHub App is configured yet"})

    async def not_yet(self, request: Request) -> Response:
        body = {"error": "no GitHub App is configured yet; open the setup page"}
        return JSONResponse(body, status_code=503)

    # state and the code exchange ------------------------------------------------------------------
    def _issue_state(self) -> str:
        now = time.monotonic()
        self._states = {s: t for s, t in self._states.items() if t > now}
        while len(self._states) >= MAX_PENDING_STATES:
            self._states.pop(next(iter(self._states)))
        state = secrets.token_urlsafe(24)
        self._states[state] = now + STATE_LIFETIME
        return state

    def _take_state(self, state: str) -> bool:
        expires = self._states.pop(state, None) if state else None
        return expires is not None and expires > time.monotonic()

    async def _convert(self, code: str) -> Any:
        """POST /app-manifests/{code}/conversions: unauthenticated, the code is the credential."""
        base_url = self.settings.github_api_url.rstrip("/") + "/"
        async with GitHub(base_url=base_url, timeout=TIMEOUT, user_agent="repo-hygiene") as gh:
            response = await gh.rest.apps.async_create_from_manifest(code)
        return response.parsed_data


def _security_headers(form_action: str | None) -> dict[str, str]:
    action = f" form-action {form_action};" if form_action else ""
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; style-src 'unsafe-inline';{action} frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",  # the setup token is in this page's address
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
    }


def _html(body: str, *, status: int = 200, form_action: str | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=_security_headers(form_action))


def _page(
    heading: str, message: str, *, status: int = 200, tone: str = "error", install_url: str | None = None
) -> HTMLResponse:
    body = (
        templates()
        .get_template("setup/message.html")
        .render(heading=heading, message=message, tone=tone, install_url=install_url)
    )
    return _html(body, status=status)
