"""The App's webhook deliveries as GitHub lists them (`GET /app/hook/deliveries`, App JWT), and their
redelivery (`POST /app/hook/deliveries/{id}/attempts`). GitHub does not redeliver failed deliveries
by itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from githubkit import GitHub
from githubkit.exception import GitHubException

from app.github.errors import translate

PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class HookDelivery:
    id: int  # one attempt
    guid: str  # the delivery, shared by its redeliveries
    delivered_at: datetime
    status_code: int  # 0: no answer at all
    event: str
    redelivery: bool

    @property
    def succeeded(self) -> bool:
        return 200 <= self.status_code < 300


async def recent_deliveries(gh: GitHub[Any], since: datetime, limit: int) -> list[HookDelivery]:
    """Attempts delivered at or after `since`, newest first (the listing's order), at most `limit`."""
    found: list[HookDelivery] = []
    try:
        pages = gh.rest.paginate(gh.rest.apps.async_list_webhook_deliveries, per_page=PER_PAGE)
        async for item in pages:
            if item.delivered_at < since or len(found) >= limit:
                break
            found.append(
                HookDelivery(
                    item.id, item.guid, item.delivered_at, item.status_code, item.event, item.redelivery
                )
            )
    except GitHubException as exc:
        raise translate(exc) from exc
    return found


async def redeliver(gh: GitHub[Any], attempt_id: int) -> None:
    try:
        await gh.rest.apps.async_redeliver_webhook_delivery(attempt_id)
    except GitHubException as exc:
        raise translate(exc) from exc
