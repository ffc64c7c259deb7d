"""The error hierarchy raised at the edges (GitHub I/O, webhook ingest, settings).

Job code catches these by type: `RateLimited` reschedules a job without counting an attempt,
`EmptyRepository` and `NotFound` are recorded outcomes rather than failures.
"""

from __future__ import annotations

from datetime import datetime


class AppError(Exception):
    """Base of every error this application raises on purpose."""


class SettingsError(AppError):
    """A missing or malformed setting; `name` is the environment variable at fault."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"setting {name}: {problem}")
        self.name = name
        self.problem = problem


class WebhookError(AppError):
    """A webhook delivery that must be rejected; `status` is the HTTP answer."""

    status = 400


class SignatureError(WebhookError):
    status = 401


class PayloadTooLarge(WebhookError):
    status = 413


class BodyTimeout(WebhookError):
    """The client did not send the whole body in time (a slow-body attack ties up a worker)."""

    status = 408


class GitHubError(AppError):
    """GitHub answered with an error (after our retry policy gave up).

    `reason` is GitHub's own message followed by the validation details of a 422 (`errors[].message`,
    e.g. "Validation Failed; A pull request already exists for acme:branch."); `details` holds those
    details alone.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        url: str = "",
        reason: str = "",
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.url = url
        self.reason = reason or message
        self.details = details


class NotFound(GitHubError):
    """404: the object is gone, or the installation cannot see it any more."""


class EmptyRepository(GitHubError):
    """409 "Git Repository is empty.": there is no commit to read."""


class Forbidden(GitHubError):
    """403 without a rate limit: a missing permission, an archived repository, a blocked app."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = 403,
        url: str = "",
        reason: str = "",
        details: tuple[str, ...] = (),
        accepted: str = "",
    ) -> None:
        super().__init__(message, status=status, url=url, reason=reason, details=details)
        self.accepted_permissions = accepted


class Unprocessable(GitHubError):
    """422: validation failed, a reference or pull request already exists, a ruleset refused."""


class GraphQLError(GitHubError):
    """The GraphQL endpoint answered 200 with `errors` (a refused mutation); `types` are their types."""

    def __init__(self, message: str, *, types: tuple[str, ...] = (), url: str = "") -> None:
        super().__init__(message, status=None, url=url)
        self.types = types


class ServerError(GitHubError):
    """5xx or a timeout that persisted through the retries."""


class RateLimited(GitHubError):
    """A rate limit that must not be slept through in a worker: retry the job at `reset_at`."""

    def __init__(
        self,
        message: str,
        *,
        reset_at: datetime,
        status: int | None = None,
        url: str = "",
        reason: str = "",
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, status=status, url=url, reason=reason, details=details)
        self.reset_at = reset_at


def one_line(error: BaseException, limit: int = 300) -> str:
    """`Type: message` on one line (log lines stay one per event; tracebacks go to DEBUG)."""
    text = " ".join(str(error).split()) or "(no message)"
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"{type(error).__name__}: {text}"
