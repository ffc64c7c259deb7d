"""GitHub clients for the App: JWT-authenticated (`app_client`) and per installation (`installation`).

The App's private key is parsed once per `GitHubApp` (one per process, built by the composition root)
and every JWT is signed with the parsed key (`app.github.app_key`).

Each call builds and enters a fresh `githubkit.GitHub` with its own `MemCacheStrategy` (githubkit's
default cache is a module global shared by every client), no HTTP cache (it grows without bound
on bulk file reads; installation clients make conditional requests of their own instead,
`app.github.conditional`), explicit timeouts and our retry policy. Use one per job, through the typed
gateway (`app.github.gateway`, `app.github.writers`), which counts calls and translates errors:

    async with services.github.installation(installation_id) as gh:
        repo = await RepoReader(gh, owner, name).repository()
"""

from __future__ import annotations

import urllib.request
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import anyio
import httpx
from githubkit import GitHub
from githubkit.auth._url import require_app_auth
from githubkit.auth.base import BaseAuthStrategy
from githubkit.cache import MemCacheStrategy

from app.errors import SettingsError
from app.github.app_key import AppKey
from app.github.budget import BudgetHooks
from app.github.conditional import ConditionalTransport
from app.github.retry import RetryPolicy
from app.github.tokens import InstallationToken, InstallationTokens, MintedToken, TokenCipher
from app.settings import Settings
from app.store.budgets import BudgetRows, DatabaseBudgetRows, MemoryBudgetRows
from app.store.conditional import ConditionalRows, DatabaseConditionalRows, MemoryConditionalRows
from app.store.tokens import DatabaseTokenRows, MemoryTokenRows, TokenRows

if TYPE_CHECKING:
    from githubkit import GitHubCore
    from sqlalchemy.orm import Session, sessionmaker

TIMEOUT = httpx.Timeout(10, read=30)
USER_AGENT = "repo-hygiene"


def environment_transport(url: str) -> httpx.AsyncHTTPTransport:
    """A transport that goes through the proxy the environment names for `url` (`HTTPS_PROXY`,
    `HTTP_PROXY`, `ALL_PROXY`, minus `NO_PROXY`), as httpx's own client would. httpx reads those
    variables only when it builds the transport itself; a client given a transport (the conditional
    one wraps this) would otherwise connect directly."""
    target = httpx.URL(url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(target.scheme) or proxies.get("all")
    if proxy and not urllib.request.proxy_bypass(target.host):
        return httpx.AsyncHTTPTransport(proxy=proxy)
    return httpx.AsyncHTTPTransport()


def _api_path(github: GitHubCore[Any], url: httpx.URL) -> str:
    base = github.config.base_url.path.rstrip("/")
    path = url.path
    return path[len(base) :] if base and path.startswith(base) else path


def _needs_app_jwt(path: str) -> bool:
    # the App's own endpoints (`/app/...`, `/repos/{o}/{r}/installation`, ...) take the JWT, not a token
    return require_app_auth(httpx.URL(path=path))


class _AppJWTAuth(httpx.Auth):
    def __init__(self, key: AppKey) -> None:
        self.key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.key.jwt()}"
        yield request


@dataclass
class AppJWTStrategy(BaseAuthStrategy):
    """Authenticates as the App with a JWT signed by the already-parsed key."""

    key: AppKey

    def get_auth_flow(self, github: GitHubCore[Any]) -> httpx.Auth:
        return _AppJWTAuth(self.key)


class _InstallationAuth(httpx.Auth):
    """`token <installation token>` on every request, from the shared cache; re-read when it nears its
    expiry. A 401 means the token was revoked: it is dropped from the cache (unless another worker
    already replaced it) and the request is sent once more with a fresh one."""

    def __init__(
        self, github: GitHubCore[Any], key: AppKey, installation_id: int, tokens: InstallationTokens
    ) -> None:
        self.github, self.key, self.installation_id, self.tokens = github, key, installation_id, tokens
        self._token: InstallationToken | None = None
        self._lock = anyio.Lock()

    async def _current(self, *, refused: InstallationToken | None = None) -> InstallationToken:
        async with self._lock:
            if refused is not None and self._token is refused:
                await self.tokens.drop(refused, self.installation_id)
                self._token = None
            if self._token is None or not self.tokens.usable(self._token):
                self._token = await self.tokens.get(self.installation_id)
            return self._token

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("installation clients are asynchronous only")

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if _needs_app_jwt(_api_path(self.github, request.url)):
            request.headers["Authorization"] = f"Bearer {self.key.jwt()}"
            yield request
            return
        token = await self._current()
        request.headers["Authorization"] = f"token {token.value}"
        response = yield request
        if response.status_code == 401:
            token = await self._current(refused=token)
            request.headers["Authorization"] = f"token {token.value}"
            yield request


@dataclass
class InstallationStrategy(BaseAuthStrategy):
    """Authenticates as one installation with the shared installation tokens."""

    key: AppKey
    installation_id: int
    tokens: InstallationTokens

    def get_auth_flow(self, github: GitHubCore[Any]) -> httpx.Auth:
        return _InstallationAuth(github, self.key, self.installation_id, self.tokens)


class GitHubApp:
    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry_policy: Callable[[MemCacheStrategy], RetryPolicy] | None = None,
        sessions: sessionmaker[Session] | None = None,
    ) -> None:
        """With `sessions`, installation tokens and rate budgets are shared through the database by
        every process; without, within this `GitHubApp` only."""
        self.settings = settings
        self.transport = transport
        self._retry_policy = retry_policy or (lambda cache: RetryPolicy(cache=cache))
        self._key: AppKey | None = None
        self._token_rows: TokenRows = (
            DatabaseTokenRows(sessions) if sessions is not None else MemoryTokenRows()
        )
        self._tokens: InstallationTokens | None = None
        self.budget_rows: BudgetRows = (
            DatabaseBudgetRows(sessions) if sessions is not None else MemoryBudgetRows()
        )
        self.conditional_rows: ConditionalRows = (
            DatabaseConditionalRows(sessions) if sessions is not None else MemoryConditionalRows()
        )
        self.budget = BudgetHooks(
            self.budget_rows,
            write_interval=timedelta(milliseconds=settings.write_interval_ms),
            base_path=httpx.URL(self.base_url).path,
        )

    @property
    def base_url(self) -> str:
        return self.settings.github_api_url.rstrip("/") + "/"

    @property
    def key(self) -> AppKey:
        """The App's identity; its private key is parsed on first use, once for this process."""
        if self._key is None:
            if self.settings.app_id is None or self.settings.private_key is None:
                raise SettingsError("APP_ID", "and PRIVATE_KEY are needed to talk to GitHub as the App")
            self._key = AppKey(self.settings.app_id, self.settings.private_key.get_secret_value())
        return self._key

    @property
    def tokens(self) -> InstallationTokens:
        if self._tokens is None:
            self._tokens = InstallationTokens(
                self._token_rows, TokenCipher.for_app(self.key), self.mint_token
            )
        return self._tokens

    def _build(
        self,
        auth: BaseAuthStrategy,
        hooks: dict[str, list[Any]],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> GitHub[Any]:
        cache = MemCacheStrategy()
        return GitHub(
            auth,
            base_url=self.base_url,
            user_agent=USER_AGENT,
            timeout=TIMEOUT,
            cache_strategy=cache,
            http_cache=False,
            auto_retry=self._retry_policy(cache),
            async_transport=transport or self.transport,
            async_event_hooks=hooks,
        )

    async def mint_token(self, installation_id: int) -> MintedToken:
        """`POST /app/installations/{id}/access_tokens`: a new token (valid an hour) for one installation."""
        async with self.app_client() as gh:
            response = await gh.rest.apps.async_create_installation_access_token(installation_id)
        data = response.parsed_data
        return MintedToken(data.token, datetime.fromisoformat(data.expires_at))

    def installation_client(self, installation_id: int) -> GitHub[InstallationStrategy]:
        """An un-entered client; prefer `installation()`, which enters and closes it."""
        return self._build(
            InstallationStrategy(self.key, installation_id, self.tokens),
            self.budget.for_installation(installation_id),
            ConditionalTransport(
                self.transport or environment_transport(self.base_url),
                self.conditional_rows,
                installation_id,
                base_path=httpx.URL(self.base_url).path,
            ),
        )

    @asynccontextmanager
    async def installation(self, installation_id: int) -> AsyncIterator[GitHub[InstallationStrategy]]:
        async with self.installation_client(installation_id) as gh:
            yield gh

    @asynccontextmanager
    async def app_client(self) -> AsyncIterator[GitHub[AppJWTStrategy]]:
        async with self._build(AppJWTStrategy(self.key), self.budget.for_app()) as gh:
            yield gh
