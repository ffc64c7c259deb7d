"""The `delivery` job: load a stored webhook delivery and dispatch it to the router."""

from __future__ import annotations

import json
import logging
from typing import Any

from app.jobs.context import JobContext
from app.jobs.registry import job_handler
from app.store.models import Delivery
from app.webhooks.router import WebhookEvent, router

log = logging.getLogger(__name__)


@job_handler("delivery")
async def run_delivery(ctx: JobContext, payload: dict[str, Any]) -> None:
    with ctx.session() as session:
        delivery = session.get(Delivery, int(payload["delivery_id"]))
        if delivery is None:
            ctx.outcome = "dropped: delivery row is gone"
            return
        event = WebhookEvent(
            name=delivery.event, delivery_id=delivery.guid, payload=json.loads(delivery.body)
        )
    ctx.installation_id = event.installation_id
    handlers = router.handlers_for(event)
    if not handlers:
        where = "" if event.installation_id is not None else " (no installation)"
        log.info("delivery %s: %s.%s ignored%s", event.delivery_id, event.name, event.action, where)
        ctx.outcome = f"ignored: no handler for {event.name}.{event.action}{where}"
        return
    # several handlers may take one event: the delivery only counts as ignored or dropped when
    # every handler says so
    outcomes: list[str | None] = []
    for handler in handlers:
        ctx.outcome = None
        await handler(event, ctx)
        outcomes.append(ctx.outcome)
    ctx.outcome = None if None in outcomes else "; ".join(dict.fromkeys(o for o in outcomes if o))[:255]
