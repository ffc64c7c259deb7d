"""What every dashboard endpoint shares: settings-derived clients, the session cookie, rendering."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import quote

from jinja2 import Environment
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from app.dashboard.access import Access, Org, SignedIn, Verdict
from app.dashboard.github_user import GitHubUserClient
from app.dashboard.web_security import CookieJar
from checks.model import DEFAULT_ADVISORY_MAX_AGE

SESSION_COOKIE, LOGIN_COOKIE = "rh_session", "rh_login"
SESSION_COOKIE_AGE, LOGIN_COOKIE_AGE = 8 * 3600, 600
ORG_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
REPO_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
T = TypeVar("T")


def safe_next(target: str | None) -> str:
    """Only same-site paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return "/" if any(c in target for c in "\r\n\\") else target


@dataclass
class Dash:
    sessions: sessionmaker[Session]
    access: Access
    github: GitHubUserClient | None  # None: GITHUB_CLIENT_ID/SECRET not configured
    cookies: CookieJar
    templates: Environment
    base_url: str
    now: Callable[[], datetime]
    advisory_max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE

    async def db(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(session, *args)` in a worker thread with its own short-lived session."""

        def call() -> T:
            with self.sessions() as db:
                return fn(db, *args)

        return await run_in_threadpool(call)

    def session_cookie(self, request: Request) -> dict[str, Any] | None:
        value = self.cookies.read(request, SESSION_COOKIE, SESSION_COOKIE_AGE)
        return value if value and isinstance(value.get("sid"), str) else None

    async def signed_in(self, request: Request) -> SignedIn | None:
        cookie = self.session_cookie(request)
        if cookie is None:
            return None
        return await run_in_threadpool(self.access.load_session, cookie["sid"])

    async def csrf_token(self, request: Request) -> str | None:
        cookie = self.session_cookie(request)
        return cookie.get("csrf") if cookie else None

    def render(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        cookie = self.session_cookie(request)
        html = self.templates.get_template(template).render(
            csrf=cookie.get("csrf") if cookie else "", **context
        )
        return HTMLResponse(html, status_code=status_code, headers={"cache-control": "no-store"})

    def not_found(self, request: Request, user: SignedIn | None) -> HTMLResponse:
        return self.render(
            request,
            "dashboard/error.html",
            404,
            user=user,
            title="Not found",
            message="There is nothing here, or you do not have access to it.",
        )

    async def _renamed_org_url(self, request: Request, user: SignedIn, old_login: str) -> str | None:
        """The same page under the org's new name, when `old_login` is a name an installed org gave
        up, no installation holds it now, and this user may see the renamed org. Otherwise None, so a
        redirect never reveals anything a 404 would not."""
        new_login = await run_in_threadpool(self.access.renamed_to, old_login)
        if new_login is None or not ORG_NAME.match(new_login):
            return None
        verdict, _ = await self.access.org_verdict(user, new_login)
        prefix = f"/orgs/{old_login}"
        path = request.url.path
        if verdict is not Verdict.ALLOWED or not path.startswith(prefix):
            return None
        query = f"?{request.url.query}" if request.url.query else ""
        return f"/orgs/{quote(new_login)}{path[len(prefix) :]}{query}"

    def redirect_to_sign_in(self, request: Request) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = RedirectResponse(f"/?next={quote(target, safe='/')}", status_code=303)
        self.cookies.clear(response, request, SESSION_COOKIE)
        return response

    async def org_access(
        self, request: Request, *, force: bool = False, html: bool = True
    ) -> tuple[SignedIn, Org] | Response:
        """The signed-in admin and the org of `{org}` in the path, or the response to send instead."""
        user = await self.signed_in(request)
        org_name = request.path_params["org"]
        if user is None:
            return self.redirect_to_sign_in(request) if html else Response(status_code=404)
        if not ORG_NAME.match(org_name):
            return self.not_found(request, user)
        verdict, org = await self.access.org_verdict(user, org_name, force=force)
        if verdict is Verdict.ALLOWED and org is not None:
            return user, org
        if verdict is Verdict.HIDDEN:
            moved = await self._renamed_org_url(request, user, org_name)
            if moved is not None:
                return RedirectResponse(moved, status_code=307)
        if verdict is Verdict.SIGNED_OUT:
            return self.redirect_to_sign_in(request)
        if verdict is Verdict.UNAVAILABLE:
            return self.render(
                request,
                "dashboard/error.html",
                503,
                user=user,
                title="GitHub unavailable",
                message="GitHub could not confirm your access just now. Try again in a minute.",
            )
        return self.not_found(request, user)
