"""Translate githubkit exceptions (after retries) into `app.errors`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from githubkit.exception import (
    GitHubException,
    PrimaryRateLimitExceeded,
    RequestError,
    RequestFailed,
    SecondaryRateLimitExceeded,
)

from app.errors import (
    EmptyRepository,
    Forbidden,
    GitHubError,
    NotFound,
    RateLimited,
    ServerError,
    Unprocessable,
)
from app.github.retry import secondary_limit_in_message


def _message(exc: RequestFailed) -> str:
    try:
        body = exc.response.json()
        message = body.get("message") if isinstance(body, dict) else None
    except Exception:  # non-JSON error bodies still get a useful message
        message = None
    return f"{exc.response.status_code} {message or exc.response.raw_response.reason_phrase}"


def _reset_at(exc: RequestFailed, fallback: timedelta) -> datetime:
    reset = exc.response.headers.get("x-ratelimit-reset")
    if reset and reset.isdigit():
        return datetime.fromtimestamp(int(reset), UTC)
    return datetime.now(UTC) + fallback


def translate(exc: GitHubException) -> GitHubError:
    if isinstance(exc, RequestFailed):
        url = str(exc.request.url)
        status = exc.response.status_code
        message = _message(exc)
        if isinstance(exc, PrimaryRateLimitExceeded):
            return RateLimited(message, reset_at=_reset_at(exc, timedelta(minutes=1)), status=status, url=url)
        if isinstance(exc, SecondaryRateLimitExceeded):
            reset_at = datetime.now(UTC) + max(exc.retry_after, timedelta(seconds=60))
            return RateLimited(message, reset_at=reset_at, status=status, url=url)
        if secondary_limit_in_message(exc):
            return RateLimited(
                message, reset_at=datetime.now(UTC) + timedelta(seconds=60), status=status, url=url
            )
        if status == 404:
            return NotFound(message, status=status, url=url)
        if status == 409:
            return EmptyRepository(message, status=status, url=url)
        if status == 403:
            accepted = exc.response.headers.get("x-accepted-github-permissions", "")
            return Forbidden(message, status=status, url=url, accepted=accepted)
        if status == 422:
            return Unprocessable(message, status=status, url=url)
        if status >= 500:
            return ServerError(message, status=status, url=url)
        return GitHubError(message, status=status, url=url)
    if isinstance(exc, RequestError):
        return ServerError(f"request failed: {type(exc.exc).__name__}")
    return GitHubError(f"{type(exc).__name__}: {exc}")


@contextmanager
def github_errors() -> Iterator[None]:
    """Re-raise githubkit exceptions as `app.errors` types."""
    try:
        yield
    except GitHubException as exc:
        raise translate(exc) from exc
