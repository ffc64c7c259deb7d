"""GitHub clients for the App: JWT-authenticated (`app_client`) and per installation (`installation`).

Each call builds and enters a fresh `githubkit.GitHub` with its own `MemCacheStrategy` (githubkit's
default cache is a module global shared by every client), no HTTP cache (it grows without bound
on bulk file reads), explicit timeouts and our retry policy. Use one per job, through the typed
gateway (`app.github.gateway`, `app.github.writers`), which counts calls and translates errors:

    async with services.github.installation(installation_id) as gh:
        repo = await RepoReader(gh, owner, name).repository()
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from githubkit import AppAuthStrategy, AppInstallationAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy

from app.errors import SettingsError
from app.github.retry import RetryPolicy
from app.settings import Settings

TIMEOUT = httpx.Timeout(10, read=30)
USER_AGENT = "repo-hygiene"


class GitHubApp:
    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        retry_policy: Callable[[MemCacheStrategy], RetryPolicy] | None = None,
    ) -> None:
        self.settings = settings
        self.transport = transport
        self._retry_policy = retry_policy or (lambda cache: RetryPolicy(cache=cache))

    @property
    def base_url(self) -> str:
        return self.settings.github_api_url.rstrip("/") + "/"

    def _app_auth(self) -> AppAuthStrategy:
        if self.settings.app_id is None or self.settings.private_key is None:
            raise SettingsError("APP_ID", "and PRIVATE_KEY are needed to talk to GitHub as the App")
        return AppAuthStrategy(str(self.settings.app_id), self.settings.private_key.get_secret_value())

    def _build(self, auth: Any) -> GitHub[Any]:
        cache = MemCacheStrategy()
        return GitHub(
            auth,
            base_url=self.base_url,
            user_agent=USER_AGENT,
            timeout=TIMEOUT,
            cache_strategy=cache,
            http_cache=False,
            auto_retry=self._retry_policy(cache),
            async_transport=self.transport,
        )

    def installation_client(self, installation_id: int) -> GitHub[AppInstallationAuthStrategy]:
        """An un-entered client; prefer `installation()`, which enters and closes it."""
        return self._build(self._app_auth().as_installation(installation_id))

    @asynccontextmanager
    async def installation(self, installation_id: int) -> AsyncIterator[GitHub[AppInstallationAuthStrategy]]:
        async with self.installation_client(installation_id) as gh:
            yield gh

    @asynccontextmanager
    async def app_client(self) -> AsyncIterator[GitHub[AppAuthStrategy]]:
        async with self._build(self._app_auth()) as gh:
            yield gh
