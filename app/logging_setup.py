"""Logging configuration with a filter that keeps tokens and keys out of every log line."""

from __future__ import annotations

import logging
import re

_SECRET_PATTERNS = (
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", re.S),
    re.compile(r"\b(gh[supor]|github_pat)_[A-Za-z0-9_.\-]+"),
    re.compile(r"(?i)\b(bearer|token)\s+[A-Za-z0-9_.\-]{8,}"),
    re.compile(r"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+"),  # a JWT
    re.compile(r"(?<=/app-manifests/)[^/\s]+(?=/conversions)"),  # a registration's one-time code
)


def redact(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites the formatted message (and exception text) of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


# the OAuth callback's `code` and `state`; the setup pages' token, and the registration's code and state
SECRET_QUERY_PATHS = ("/auth/", "/setup")


def _without_query(path: str) -> str:
    bare, sep, _query = path.partition("?")
    secret = bare.startswith(SECRET_QUERY_PATHS) or bare == "/"
    return f"{bare}?[redacted]" if sep and secret else path


class AccessLogQueryFilter(logging.Filter):
    """Drops the query string of `/auth/*`, `/setup*` and `/` requests from uvicorn's access log
    lines, whose args are (client, method, path with query, http version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], _without_query(args[2]), *args[3:])
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogQueryFilter) for f in access.filters):
        access.addFilter(AccessLogQueryFilter())
