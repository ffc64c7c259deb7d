"""Sign in with GitHub (OAuth web flow + PKCE), the callback, and sign-out."""

from __future__ import annotations

import hmac
import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.dashboard.context import (
    LOGIN_COOKIE,
    LOGIN_COOKIE_AGE,
    SESSION_COOKIE,
    SESSION_COOKIE_AGE,
    Dash,
    safe_next,
)
from app.dashboard.github_user import GitHubUserError, pkce_pair
from app.dashboard.web_security import new_token

log = logging.getLogger(__name__)


def _redirect_uri(dash: Dash, request: Request) -> str:
    if dash.base_url:
        return f"{dash.base_url.rstrip('/')}/auth/callback"
    return str(request.url_for("auth_callback"))


async def login(dash: Dash, request: Request) -> Response:
    if dash.github is None:
        return dash.render(
            request,
            "dashboard/error.html",
            503,
            user=None,
            title="Sign-in not configured",
            message="Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET to enable sign-in.",
        )
    state = new_token()
    verifier, challenge = pkce_pair()
    redirect_uri = _redirect_uri(dash, request)
    url = dash.github.authorize_url(redirect_uri=redirect_uri, state=state, code_challenge=challenge)
    response = RedirectResponse(url, status_code=302)
    login_state = {"state": state, "verifier": verifier, "next": safe_next(request.query_params.get("next"))}
    dash.cookies.write(response, request, LOGIN_COOKIE, login_state, LOGIN_COOKIE_AGE)
    return response


async def callback(dash: Dash, request: Request) -> Response:
    pending = dash.cookies.read(request, LOGIN_COOKIE, LOGIN_COOKIE_AGE)
    state, code = request.query_params.get("state", ""), request.query_params.get("code", "")
    if dash.github is None or pending is None or not isinstance(pending.get("state"), str):
        return _failed(
            dash, request, "The sign-in attempt expired or was started elsewhere. Please sign in again."
        )
    if not hmac.compare_digest(state, pending["state"]):
        return _failed(dash, request, "The sign-in answer does not match this browser's request.")
    if request.query_params.get("error"):
        return _failed(dash, request, f"GitHub did not sign you in: {request.query_params.get('error')}.")
    if not code:
        return _failed(dash, request, "GitHub sent no authorisation code.")
    try:
        token = await dash.github.exchange_code(
            code=code,
            redirect_uri=_redirect_uri(dash, request),
            code_verifier=str(pending.get("verifier", "")),
        )
        user = await dash.github.user(token.access_token)
    except GitHubUserError as exc:
        log.warning("sign-in failed: %s", exc)
        return _failed(dash, request, str(exc))
    session_key = new_token()
    await run_in_threadpool(
        dash.access.create_session, session_key, user, token.access_token, token.expires_in
    )
    log.info("dashboard sign-in by %s (id %s)", user.login, user.id)
    response = RedirectResponse(safe_next(pending.get("next")), status_code=303)
    dash.cookies.clear(response, request, LOGIN_COOKIE)
    dash.cookies.write(
        response, request, SESSION_COOKIE, {"sid": session_key, "csrf": new_token()}, SESSION_COOKIE_AGE
    )
    return response


def _failed(dash: Dash, request: Request, message: str) -> Response:
    response = dash.render(
        request, "dashboard/error.html", 400, user=None, title="Sign-in failed", message=message
    )
    dash.cookies.clear(response, request, LOGIN_COOKIE)
    return response


async def logout(dash: Dash, request: Request) -> Response:
    cookie = dash.session_cookie(request)
    if cookie is not None:
        await run_in_threadpool(dash.access.end_session, cookie["sid"])
    response = RedirectResponse("/", status_code=303)
    dash.cookies.clear(response, request, SESSION_COOKIE)
    return response
