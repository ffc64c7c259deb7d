"""The `delivery` job: load a stored webhook delivery and dispatch it to the router."""

from __future__ import annotations

import json
import logging
from typing import Any

from app.jobs.context import JobContext
from app.jobs.registry import job_handler
from app.logging_setup import bind_log_context
from app.store.models import Delivery
from app.webhooks.router import WebhookEvent, router

log = logging.getLogger(__name__)

MALFORMED_PAYLOAD = "ignored: malformed payload"
# what reading a missing or wrongly typed field raises; transient failures (database, GitHub) are not
# among them and are retried as before
MALFORMED_PAYLOAD_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)


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
    bind_log_context(delivery=event.delivery_id)
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
        try:
            await handler(event, ctx)
        except MALFORMED_PAYLOAD_ERRORS as exc:
            # a signed payload lacking what the handler needs will lack it on every retry too
            log.warning(
                "delivery %s (%s.%s): malformed payload for %s: %s: %s",
                event.delivery_id,
                event.name,
                event.action,
                getattr(handler, "__qualname__", handler),
                type(exc).__name__,
                exc,
            )
            ctx.outcome = MALFORMED_PAYLOAD
        outcomes.append(ctx.outcome)
    ctx.outcome = None if None in outcomes else "; ".join(dict.fromkeys(o for o in outcomes if o))[:255]
