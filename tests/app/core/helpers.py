"""Small helpers for driving deliveries and jobs in the core tests."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select

from app.jobs.context import Services
from app.store.models import Job
from app.web import store_delivery
from app.webhooks.router import WebhookEvent
from app.wiring import load_handlers
from app.worker import Worker


def deliver(services: Services, event: str, payload: dict[str, Any], guid: str | None = None) -> bool:
    body = json.dumps(payload).encode()
    return store_delivery(services, WebhookEvent(event, guid or str(uuid.uuid4()), payload), body)


async def run_deliveries(services: Services) -> int:
    load_handlers()
    return await Worker(services, worker_id="test", kinds=("delivery",)).run_until_idle()


async def run_jobs(services: Services, *kinds: str) -> int:
    load_handlers()
    return await Worker(services, worker_id="test", kinds=kinds or None).run_until_idle()


def jobs(services: Services, kind: str | None = None) -> list[Job]:
    with services.sessions() as session:
        query = select(Job).order_by(Job.id)
        if kind:
            query = query.where(Job.kind == kind)
        return list(session.scalars(query))


def last_delivery_job(services: Services) -> Job:
    return jobs(services, "delivery")[-1]
