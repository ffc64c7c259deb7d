"""The OAuth web flow at the simulator root (authorize redirect, code exchange with PKCE S256)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from simulator.auth import USER_TOKEN_LIFETIME, mint_user_token
from simulator.state import OAuthCode, SimState

CODE_LIFETIME = 600
ERROR_DOCS = (
    "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors"
)


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


async def authorize(request: Request) -> Response:
    state: SimState = request.app.state.sim
    q = request.query_params
    with state.lock:
        app = next((a for a in state.apps.values() if a.client_id == q.get("client_id")), None)
        if app is None:
            return HTMLResponse("<h1>404: unknown client_id</h1>", status_code=404)
        redirect_uri = q.get("redirect_uri") or (app.callback_urls[0] if app.callback_urls else "")
        if not redirect_uri or (
            app.callback_urls and not any(redirect_uri.startswith(u) for u in app.callback_urls)
        ):
            return HTMLResponse(
                "<h1>The redirect_uri is not associated with this application.</h1>", status_code=400
            )
        challenge = q.get("code_challenge")
        if challenge and q.get("code_challenge_method") != "S256":
            return HTMLResponse("<h1>code_challenge_method must be S256</h1>", status_code=400)
        login = state.signed_in_user
        if login is None:
            return HTMLResponse(
                '<h1>No user is signed in to the sandbox</h1><p>POST /_sandbox/oauth/user {"login": ...}</p>',
                status_code=401,
            )
        code = secrets.token_hex(10)
        state.oauth_codes[code] = OAuthCode(
            code, app.client_id, redirect_uri, login, challenge, state.now() + CODE_LIFETIME
        )
    params = {"code": code}
    if q.get("state") is not None:
        params["state"] = q["state"]
    separator = "&" if "?" in redirect_uri else "?"
    return RedirectResponse(f"{redirect_uri}{separator}{urlencode(params)}", status_code=302)


async def _form(request: Request) -> dict[str, str]:
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    merged = dict(parse_qsl(raw.decode(errors="replace")))
    merged.update({k: v for k, v in request.query_params.items() if k not in merged})
    return merged


def _answer(request: Request, body: dict[str, object]) -> Response:
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(body)
    return Response(
        urlencode({k: str(v) for k, v in body.items()}), media_type="application/x-www-form-urlencoded"
    )


def _error(request: Request, error: str, description: str) -> Response:
    return _answer(request, {"error": error, "error_description": description, "error_uri": ERROR_DOCS})


async def access_token(request: Request) -> Response:
    state: SimState = request.app.state.sim
    form = await _form(request)
    with state.lock:
        app = next((a for a in state.apps.values() if a.client_id == form.get("client_id")), None)
        if app is None or not hmac.compare_digest(app.client_secret, form.get("client_secret", "")):
            return _error(
                request,
                "incorrect_client_credentials",
                "The client_id and/or client_secret passed are incorrect.",
            )
        grant = state.oauth_codes.pop(form.get("code", ""), None)
        if grant is None or grant.client_id != app.client_id or grant.expires_at < state.now():
            return _error(request, "bad_verification_code", "The code passed is incorrect or expired.")
        if form.get("redirect_uri") and form["redirect_uri"] != grant.redirect_uri:
            return _error(
                request,
                "redirect_uri_mismatch",
                "The redirect_uri MUST match the registered callback URL for this application.",
            )
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            if not verifier or not hmac.compare_digest(_s256(verifier), grant.code_challenge):
                return _error(
                    request, "bad_verification_code", "The code_verifier does not match the code_challenge."
                )
        token = mint_user_token(state, grant.user)
    return _answer(
        request,
        {
            "access_token": token.token,
            "expires_in": USER_TOKEN_LIFETIME,
            "refresh_token": "ghr_" + secrets.token_hex(30),
            "refresh_token_expires_in": 15_811_200,
            "scope": "",
            "token_type": "bearer",
        },
    )


def routes() -> list[Route]:
    return [
        Route("/login/oauth/authorize", authorize, methods=["GET"]),
        Route("/login/oauth/access_token", access_token, methods=["POST"]),
    ]
