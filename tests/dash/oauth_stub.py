"""A loopback stand-in for GitHub's OAuth web flow and user API, for the real-browser test.

`/login/oauth/authorize` signs the configured user in at once and redirects back with a code;
the token endpoint verifies the PKCE verifier against the S256 challenge like GitHub does.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route


def oauth_stub(*, client_id: str, client_secret: str, user: tuple[int, str], admin_of: set[str]) -> Starlette:
    codes: dict[str, str] = {}  # code -> challenge
    tokens: set[str] = set()

    async def authorize(request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != client_id or q.get("code_challenge_method") != "S256":
            return JSONResponse({"error": "bad request"}, status_code=400)
        code = secrets.token_hex(8)
        codes[code] = q["code_challenge"]
        return RedirectResponse(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}", 302)

    async def token(request: Request) -> Response:
        form = await request.form()
        challenge = codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if form.get("client_secret") != client_secret or challenge is None or digest != challenge:
            return JSONResponse({"error": "bad_verification_code"})
        access = f"ghu_{secrets.token_hex(12)}"
        tokens.add(access)
        return JSONResponse({"access_token": access, "token_type": "bearer", "expires_in": 28800})

    def authorised(request: Request) -> bool:
        return request.headers.get("authorization", "").removeprefix("Bearer ") in tokens

    async def me(request: Request) -> Response:
        if not authorised(request):
            return JSONResponse({"message": "Bad credentials"}, status_code=401)
        return JSONResponse({"id": user[0], "login": user[1]})

    async def membership(request: Request) -> Response:
        if not authorised(request):
            return JSONResponse({"message": "Bad credentials"}, status_code=401)
        if request.path_params["org"].lower() not in admin_of:
            return JSONResponse({"message": "Not Found"}, status_code=404)
        return JSONResponse({"state": "active", "role": "admin"})

    return Starlette(
        routes=[
            Route("/login/oauth/authorize", authorize),
            Route("/login/oauth/access_token", token, methods=["POST"]),
            Route("/user", me),
            Route("/user/memberships/orgs/{org}", membership),
        ]
    )
