"""Assembles the dashboard sub-app: routes, static files, security headers, settings-derived keys."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path

import httpx
from cryptography.fernet import Fernet
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app.dashboard import auth_views, exports, pages
from app.dashboard.access import Access
from app.dashboard.context import Dash
from app.dashboard.github_user import GitHubUserClient
from app.dashboard.keys import fernet_key, session_secret
from app.dashboard.web_security import CookieJar, SecurityHeadersMiddleware, csrf_protected
from app.jobs.context import Services
from app.settings import secret_text
from app.store.base import utcnow
from app.templating import templates

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"


def build_app(
    services: Services,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    now: Callable[[], datetime] = utcnow,
) -> Starlette:
    settings = services.settings
    secret = session_secret(settings)
    client_id, client_secret = settings.github_client_id or "", secret_text(settings.github_client_secret)
    user_client = GitHubUserClient(settings.github_api_url, client_id, client_secret, transport=transport)
    base_url = settings.base_url or ""
    dash = Dash(
        sessions=services.sessions,
        access=Access(services.sessions, user_client, Fernet(fernet_key(secret)), now),
        github=user_client if client_id and client_secret else None,  # None: sign-in is switched off
        cookies=CookieJar(secret, force_secure=base_url.startswith("https://")),
        templates=templates(),
        base_url=base_url,
        now=now,
        advisory_max_age=settings.advisory_max_age,
    )

    def bind(
        view: Callable[[Dash, Request], Awaitable[Response]],
    ) -> Callable[[Request], Awaitable[Response]]:
        return partial(view, dash)

    routes = [
        Route("/", bind(pages.home), name="home"),
        Route("/login", bind(auth_views.login), name="login"),
        Route("/auth/callback", bind(auth_views.callback), name="auth_callback"),
        Route(
            "/logout",
            csrf_protected(dash.csrf_token, bind(auth_views.logout)),
            methods=["POST"],
            name="logout",
        ),
        Route("/orgs/{org}", bind(pages.org_page), name="org"),
        Route("/orgs/{org}/advisories", bind(pages.advisories_page), name="advisories"),
        Route("/orgs/{org}/jobs", bind(pages.failed_jobs_page), name="failed_jobs"),
        Route("/orgs/{org}/trend.svg", bind(pages.trend_chart), name="trend"),
        Route("/orgs/{org}/export.{fmt}", bind(exports.export), name="export"),
        Route("/orgs/{org}/repos/{repo}", bind(pages.repo_page), name="repo"),
        Route("/badges/{owner}/{repo}.svg", bind(pages.badge_image), name="badge"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeadersMiddleware)])
