"""Job kinds and their handlers. A handler module registers itself with `@job_handler("kind")`;
`app/wiring.py` imports every handler module once so the registry is complete in any process.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.jobs.context import JobContext

JobHandler = Callable[["JobContext", dict[str, Any]], Awaitable[None]]

HANDLERS: dict[str, JobHandler] = {}


def job_handler(kind: str) -> Callable[[JobHandler], JobHandler]:
    def register(fn: JobHandler) -> JobHandler:
        if kind in HANDLERS and HANDLERS[kind] is not fn:
            raise ValueError(f"job kind {kind!r} registered twice")
        HANDLERS[kind] = fn
        return fn

    return register
