"""The `maintenance` job: prunes finished jobs, old deliveries and GitHub answers no scan reused
lately (`app.store.conditional`), then queues its next run.

A self-rescheduling durable job instead of a timer in one process: any worker runs it, and a
restart loses nothing. `schedule_maintenance` (called at `serve` start) is deduplicated.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from app.jobs import queue
from app.jobs.context import JobContext, Services
from app.jobs.registry import job_handler
from app.store.base import utcnow
from app.store.conditional import RETENTION as ANSWER_RETENTION
from app.store.conditional import DatabaseConditionalRows

log = logging.getLogger(__name__)

RETENTION = timedelta(days=30)
INTERVAL = timedelta(hours=6)
KEY = "maintenance"


@job_handler("maintenance")
async def maintenance(ctx: JobContext, payload: dict[str, Any]) -> None:
    with ctx.session() as session, session.begin():
        jobs, deliveries = queue.prune(session, utcnow() - RETENTION)
    answers = DatabaseConditionalRows(ctx.services.sessions).prune(utcnow() - ANSWER_RETENTION)
    log.info(
        "maintenance: pruned %d finished jobs, %d deliveries and %d stored GitHub answers",
        jobs,
        deliveries,
        answers,
    )
    ctx.enqueue("maintenance", {}, dedupe_key=KEY, run_after=utcnow() + INTERVAL)


def schedule_maintenance(services: Services) -> None:
    with services.sessions() as session, session.begin():
        queue.enqueue(session, "maintenance", {}, dedupe_key=KEY)
