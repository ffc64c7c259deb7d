"""Logging configuration with a filter that keeps tokens and keys out of every log line.

Lines are text by default, or one JSON object each (`LOG_FORMAT=json`) for log collectors. Both carry
the context bound with `log_context` (the job id and kind, the delivery GUID) on every line logged
while it is bound.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

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


_CONTEXT: ContextVar[dict[str, Any] | None] = ContextVar("log_context", default=None)
LOG_FORMATS = ("text", "json")


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Attach `fields` to every line logged in this task (and the tasks it starts) until exit."""
    token = _CONTEXT.set({**(_CONTEXT.get() or {}), **fields})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def bind_log_context(**fields: Any) -> None:
    """Add `fields` to the context bound by the enclosing `log_context` (which drops them on exit)."""
    _CONTEXT.set({**(_CONTEXT.get() or {}), **fields})


class ContextFilter(logging.Filter):
    """Copies the bound context onto each record as `record.context` (a dict, maybe empty)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.context = dict(_CONTEXT.get() or {})
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = getattr(record, "context", None)
        if not context:
            return line
        head, sep, rest = line.partition("\n")  # the context ends the first line, before a traceback
        return head + " [" + " ".join(f"{k}={v}" for k, v in context.items()) + "]" + sep + rest


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the bound context, and `exception`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **(getattr(record, "context", None) or {}),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)


def configure_logging(level: str = "INFO", log_format: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RedactingFilter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogQueryFilter) for f in access.filters):
        access.addFilter(AccessLogQueryFilter())
