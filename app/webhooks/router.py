"""Routes a stored webhook delivery to handlers keyed on (event, action), over the plain JSON dict.

Handlers are async and receive the event and the job context; they do their work or enqueue
more jobs through `ctx.enqueue`. Modules register with `@router.on("pull_request", "opened")`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.jobs.context import JobContext


@dataclass(frozen=True)
class WebhookEvent:
    name: str  # X-GitHub-Event
    delivery_id: str  # X-GitHub-Delivery
    payload: dict[str, Any]

    @property
    def action(self) -> str | None:
        action = self.payload.get("action")
        return action if isinstance(action, str) else None

    @property
    def installation_id(self) -> int | None:
        inst = self.payload.get("installation")
        if isinstance(inst, dict) and isinstance(inst.get("id"), int):
            return int(inst["id"])
        return None


EventHandler = Callable[[WebhookEvent, "JobContext"], Awaitable[None]]


class Router:
    def __init__(self) -> None:
        self._routes: dict[tuple[str, str | None], list[EventHandler]] = defaultdict(list)

    def on(self, event: str, *actions: str) -> Callable[[EventHandler], EventHandler]:
        """Register for `event` with any of `actions` (none given: every action)."""

        def register(fn: EventHandler) -> EventHandler:
            for action in actions or (None,):
                if fn not in self._routes[(event, action)]:
                    self._routes[(event, action)].append(fn)
            return fn

        return register

    def handlers_for(self, event: WebhookEvent) -> list[EventHandler]:
        specific = self._routes.get((event.name, event.action), []) if event.action else []
        return [*self._routes.get((event.name, None), []), *specific]

    async def dispatch(self, event: WebhookEvent, ctx: JobContext) -> int:
        handlers = self.handlers_for(event)
        for handler in handlers:
            await handler(event, ctx)
        return len(handlers)


router = Router()
