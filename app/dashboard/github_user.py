"""The GitHub calls the dashboard makes for a user: OAuth web flow with PKCE, /user, org membership.

Plain httpx (githubkit's web-flow exchange sends no code_verifier); the transport is injectable.
The user token is never logged.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx

API_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}


class GitHubUserError(Exception):
    """GitHub refused or failed a user-side call; the message is safe to show."""


class TokenRevoked(GitHubUserError):
    """The user token is no longer valid (401): the session must end."""


def web_root(api_url: str) -> str:
    """Where OAuth lives: github.com for api.github.com, else the root of the API URL (GHES, simulator)."""
    parts = urlsplit(api_url.rstrip("/"))
    if parts.hostname == "api.github.com":
        return "https://github.com"
    return f"{parts.scheme}://{parts.netloc}"


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


@dataclass(frozen=True)
class GitHubUser:
    id: int
    login: str


@dataclass(frozen=True)
class UserToken:
    access_token: str
    expires_in: int | None


class GitHubUserClient:
    def __init__(
        self, api_url: str, client_id: str, client_secret: str, *, transport: httpx.AsyncBaseTransport | None
    ) -> None:
        self.api_url = api_url.rstrip("/")
        self.web_root = web_root(api_url)
        self.client_id = client_id
        self._client_secret = client_secret
        self._transport = transport

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=self._transport, timeout=httpx.Timeout(10.0), follow_redirects=False
        )

    def authorize_url(self, *, redirect_uri: str, state: str, code_challenge: str) -> str:
        query = urlencode(
            {
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "state": state,
                "code_challenge": code_challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.web_root}/login/oauth/authorize?{query}"

    async def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> UserToken:
        data = {
            "client_id": self.client_id,
            "client_secret": self._client_secret,
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        body = await self._request(
            "POST",
            f"{self.web_root}/login/oauth/access_token",
            data=data,
            headers={"Accept": "application/json"},
        )
        if not isinstance(body, dict) or body.get("error") or not isinstance(body.get("access_token"), str):
            reason = body.get("error_description") or body.get("error") if isinstance(body, dict) else None
            raise GitHubUserError(f"GitHub did not grant a token: {reason or 'unexpected answer'}")
        expires_in = body.get("expires_in")
        return UserToken(body["access_token"], int(expires_in) if isinstance(expires_in, int) else None)

    async def user(self, token: str) -> GitHubUser:
        body = await self._api(token, "/user")
        if not isinstance(body, dict) or not isinstance(body.get("id"), int) or not body.get("login"):
            raise GitHubUserError("GitHub's /user answer lacks id or login")
        return GitHubUser(int(body["id"]), str(body["login"]))

    async def admin_org_id(self, token: str, org: str) -> int | None:
        """The numeric id of the org now called `org`, when the user is its active admin; else None.

        404 (not affiliated) and 403 (app blocked by the org) deny; so does an answer without the
        org's id, since access is decided by comparing that id with an installation's account id."""
        body = await self._api(token, f"/user/memberships/orgs/{quote(org, safe='')}", deny=(403, 404))
        if not isinstance(body, dict) or body.get("state") != "active" or body.get("role") != "admin":
            return None
        organization = body.get("organization")
        org_id = organization.get("id") if isinstance(organization, dict) else None
        return org_id if isinstance(org_id, int) and not isinstance(org_id, bool) else None

    async def _api(self, token: str, path: str, *, deny: tuple[int, ...] = ()) -> Any:
        headers = {**API_HEADERS, "Authorization": f"Bearer {token}"}
        return await self._request("GET", f"{self.api_url}{path}", headers=headers, deny=deny)

    async def _request(self, method: str, url: str, *, deny: tuple[int, ...] = (), **kwargs: Any) -> Any:
        try:
            async with self._client() as client:
                response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise GitHubUserError(f"GitHub is unreachable ({type(exc).__name__})") from None
        if response.status_code == 401:
            raise TokenRevoked("GitHub no longer accepts this sign-in")
        if response.status_code in deny:
            return None
        if response.status_code >= 300:
            raise GitHubUserError(f"GitHub answered {response.status_code} to {urlsplit(url).path}")
        try:
            return response.json()
        except ValueError:
            raise GitHubUserError(f"GitHub sent a non-JSON answer to {urlsplit(url).path}") from None
