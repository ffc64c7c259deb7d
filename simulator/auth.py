"""Who is calling: App JWTs (RS256, GitHub's iat/exp rules), installation tokens and user tokens."""

from __future__ import annotations

import base64
import secrets

import jwt

from simulator.api import ApiError, Identity
from simulator.state import Installation, SimApp, SimState, Token

JWT_MAX_LIFETIME = 600
CLOCK_SKEW = 60
TOKEN_LIFETIME = 3600
USER_TOKEN_LIFETIME = 8 * 3600
JWT_DOCS = "https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app"


def _bad_jwt(message: str) -> ApiError:
    return ApiError(401, message, docs=JWT_DOCS)


def verify_app_jwt(state: SimState, token: str) -> SimApp:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise _bad_jwt("A JSON web token could not be decoded") from exc
    issuer = str(unverified.get("iss", ""))
    app = next((a for a in state.apps.values() if issuer in (str(a.id), a.client_id)), None)
    if app is None:
        raise _bad_jwt("'Issuer' claim ('iss') must be an Integer or the App's client ID")
    try:
        claims = jwt.decode(
            token,
            app.public_key_pem,
            algorithms=["RS256"],
            options={
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
                "require": ["iat", "exp"],
            },
        )
    except jwt.PyJWTError as exc:
        raise _bad_jwt("A JSON web token could not be decoded") from exc
    iat, exp = claims["iat"], claims["exp"]
    if not isinstance(iat, int) or not isinstance(exp, int):
        raise _bad_jwt("'Issued at' claim ('iat') must be an Integer representing the time")
    now = state.now()
    if iat > now + CLOCK_SKEW:
        raise _bad_jwt("'Issued at' claim ('iat') must be an Integer representing a time in the past")
    if exp - iat > JWT_MAX_LIFETIME:
        raise _bad_jwt("'Expiration time' claim ('exp') is too far in the future")
    if exp < now - CLOCK_SKEW:
        raise _bad_jwt("'Expiration time' claim ('exp') must be a numeric value representing the future time")
    return app


def authenticate(state: SimState, authorization: str | None) -> Identity:
    if not authorization:
        return Identity("anonymous")
    scheme, _, credential = authorization.strip().partition(" ")
    credential = credential.strip()
    if scheme.lower() not in ("bearer", "token") or not credential:
        raise ApiError(401, "Bad credentials")
    stored = state.tokens.get(credential)
    if stored is None:
        if credential.count(".") == 2 and not credential.startswith("gh"):
            return Identity("app", app=verify_app_jwt(state, credential))
        raise ApiError(401, "Bad credentials")
    if stored.expires_at <= state.now():
        raise ApiError(401, "Bad credentials")
    if stored.kind == "installation":
        assert stored.installation_id is not None
        inst = state.installations.get(stored.installation_id)
        if inst is None:
            raise ApiError(401, "Bad credentials")
        return Identity("installation", app=state.apps.get(inst.app_id), installation=inst, token=stored)
    return Identity("user", token=stored, user=stored.user)


def _stateless_token(app_id: int) -> str:
    # GitHub's new stateless format: "ghs_<APPID>_<JWT-like>", about 520 characters with dots and dashes
    parts = [base64.urlsafe_b64encode(secrets.token_bytes(n)).decode().rstrip("=") for n in (27, 300, 40)]
    return f"ghs_{app_id}_" + ".".join(parts)


def mint_installation_token(
    state: SimState,
    inst: Installation,
    *,
    permissions: dict[str, str] | None,
    repo_ids: set[int] | None,
    stateless: bool,
) -> Token:
    granted = dict(inst.permissions)
    if permissions:
        for name, level in permissions.items():
            current = granted.get(name)
            if current is None or _rank(level) > _rank(current):
                raise ApiError(
                    422, f"The permissions requested are not granted to this installation. ({name})"
                )
        granted = dict(permissions)
    value = _stateless_token(inst.app_id) if stateless else "ghs_" + secrets.token_hex(18)
    token = Token(
        value,
        "installation",
        expires_at=int(state.now()) + TOKEN_LIFETIME,
        installation_id=inst.id,
        permissions=granted,
        repo_ids=repo_ids,
    )
    state.tokens[value] = token
    return token


def mint_user_token(state: SimState, login: str) -> Token:
    value = "ghu_" + secrets.token_hex(18)
    token = Token(value, "user", expires_at=int(state.now()) + USER_TOKEN_LIFETIME, user=login)
    state.tokens[value] = token
    return token


def _rank(level: str) -> int:
    return {"read": 1, "write": 2, "admin": 3}.get(level, 0)
