"""Translate githubkit exceptions (after retries) into `app.errors`: the one place that reads GitHub's
error bodies (message, the validation details of a 422, rate-limit headers)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypedDict

from githubkit.exception import (
    GitHubException,
    GraphQLFailed,
    PrimaryRateLimitExceeded,
    RequestError,
    RequestFailed,
    SecondaryRateLimitExceeded,
)

from app.errors import (
    EmptyRepository,
    Forbidden,
    GitHubError,
    GraphQLError,
    NotFound,
    RateLimited,
    ServerError,
    Unprocessable,
)
from app.github.retry import secondary_limit_in_message


def _reason(exc: RequestFailed) -> tuple[str, tuple[str, ...]]:
    """GitHub's message (or the HTTP reason phrase) and the validation details in `errors[].message`."""
    try:
        body = exc.response.json()
    except Exception:  # non-JSON error bodies still get a useful message
        body = None
    if not isinstance(body, dict):
        return exc.response.raw_response.reason_phrase, ()
    errors = body.get("errors")
    details = (
        tuple(str(e["message"]) for e in errors or () if isinstance(e, dict) and e.get("message"))
        if isinstance(errors, list)
        else ()
    )
    message = str(body.get("message") or exc.response.raw_response.reason_phrase)
    return "; ".join((message, *details)), details


class _Known(TypedDict):
    status: int
    url: str
    reason: str
    details: tuple[str, ...]


def _reset_at(exc: RequestFailed, fallback: timedelta) -> datetime:
    reset = exc.response.headers.get("x-ratelimit-reset")
    if reset and reset.isdigit():
        return datetime.fromtimestamp(int(reset), UTC)
    return datetime.now(UTC) + fallback


def translate(exc: GitHubException) -> GitHubError:
    if isinstance(exc, RequestFailed):
        url = str(exc.request.url)
        status = exc.response.status_code
        reason, details = _reason(exc)
        message = f"{status} {reason}"
        known = _Known(status=status, url=url, reason=reason, details=details)
        if isinstance(exc, PrimaryRateLimitExceeded):
            return RateLimited(message, reset_at=_reset_at(exc, timedelta(minutes=1)), **known)
        if isinstance(exc, SecondaryRateLimitExceeded):
            reset_at = datetime.now(UTC) + max(exc.retry_after, timedelta(seconds=60))
            return RateLimited(message, reset_at=reset_at, **known)
        if secondary_limit_in_message(exc):
            return RateLimited(message, reset_at=datetime.now(UTC) + timedelta(seconds=60), **known)
        if status == 404:
            return NotFound(message, **known)
        if status == 409:
            return EmptyRepository(message, **known)
        if status == 403:
            accepted = exc.response.headers.get("x-accepted-github-permissions", "")
            return Forbidden(message, accepted=accepted, **known)
        if status == 422:
            return Unprocessable(message, **known)
        if status >= 500:
            return ServerError(message, **known)
        return GitHubError(message, **known)
    if isinstance(exc, GraphQLFailed):
        errors = exc.response.errors or []
        types = tuple(e.type for e in errors if e.type)
        return GraphQLError("; ".join(e.message for e in errors) or "GraphQL errors", types=types)
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
