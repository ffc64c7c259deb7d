"""Our retry policy, plugged into githubkit as its `auto_retry` decision function.

- 5xx and timeouts: a few retries with small, growing pauses;
- secondary rate limits: honour Retry-After (capped), or wait at least a minute when only the
  message says so;
- a primary rate limit is never slept through: it propagates and the job is rescheduled at reset;
- 401 on an installation call: forget the cached token once and retry (a fresh one is minted).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from githubkit.cache import MemCacheStrategy
from githubkit.exception import (
    GitHubException,
    PrimaryRateLimitExceeded,
    RequestFailed,
    RequestTimeout,
    SecondaryRateLimitExceeded,
)
from githubkit.retry import RetryOption

log = logging.getLogger(__name__)

NO_RETRY = RetryOption(False)


def secondary_limit_in_message(exc: RequestFailed) -> bool:
    if exc.response.status_code not in (403, 429):
        return False
    try:
        message = str(exc.response.json().get("message", ""))
    except Exception:  # a non-JSON error body is simply not a secondary-limit message
        return False
    return "secondary rate limit" in message.lower()


@dataclass
class RetryPolicy:
    server_retries: int = 3
    server_base_delay: float = 0.5
    secondary_cap: float = 120.0
    secondary_min_without_header: float = 60.0
    secondary_retries: int = 1
    cache: MemCacheStrategy | None = None  # the client's own cache, for the 401 re-mint

    def __call__(self, exc: GitHubException, retry_count: int) -> RetryOption:
        if isinstance(exc, PrimaryRateLimitExceeded):
            return NO_RETRY
        if isinstance(exc, SecondaryRateLimitExceeded):
            if retry_count >= self.secondary_retries or exc.retry_after.total_seconds() > self.secondary_cap:
                return NO_RETRY
            return self._retry(exc, exc.retry_after.total_seconds())
        if isinstance(exc, RequestTimeout):
            return self._server_retry(exc, retry_count)
        if not isinstance(exc, RequestFailed):
            return NO_RETRY
        status = exc.response.status_code
        if status >= 500:
            return self._server_retry(exc, retry_count)
        if secondary_limit_in_message(exc):
            if (
                retry_count >= self.secondary_retries
                or self.secondary_min_without_header > self.secondary_cap
            ):
                return NO_RETRY
            return self._retry(exc, self.secondary_min_without_header)
        if status == 401 and retry_count == 0 and self._forget_installation_token(exc):
            return self._retry(exc, 0.0)
        return NO_RETRY

    def _server_retry(self, exc: GitHubException, retry_count: int) -> RetryOption:
        if retry_count >= self.server_retries:
            return NO_RETRY
        return self._retry(exc, self.server_base_delay * (2**retry_count))

    def _retry(self, exc: GitHubException, seconds: float) -> RetryOption:
        log.warning("GitHub %s: retrying in %.1f s", type(exc).__name__, seconds)
        # githubkit sleeps 60 s for a falsy delay, and timedelta(0) is falsy
        return RetryOption(True, timedelta(seconds=max(seconds, 0.001)))

    def _forget_installation_token(self, exc: RequestFailed) -> bool:
        auth = exc.request.headers.get("authorization", "")
        if not auth.lower().startswith("token ") or self.cache is None:
            return False
        storage = self.cache.get_cache_storage()
        stale = [key for key in storage._cache if ":installation:" in key]
        for key in stale:
            storage._cache.pop(key, None)
        return bool(stale)
