"""The `reconcile` job: catch up on what webhooks missed, then queue its next run.

1. Failed deliveries. GitHub does not redeliver by itself, so this lists the App's recent delivery
   attempts and asks GitHub to redeliver each delivery (GUID) none of whose attempts succeeded and which
   the store does not hold. A delivery is tried at most `MAX_ATTEMPTS` times in all; past that it is
   logged and left (a delivery refused for a bad signature would be refused again).
2. Stale repositories. Any active repository not scanned within `RESCAN_AFTER` gets a scan queued
   (deduplicated with a waiting one), at most `MAX_RESCANS` per run so a large backlog is spread out.

Like `maintenance`, a self-rescheduling durable job; `schedule_reconcile` at start is deduplicated.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select

from app.github.hook_deliveries import HookDelivery, recent_deliveries, redeliver
from app.jobs import queue
from app.jobs.context import JobContext, Services
from app.jobs.registry import job_handler
from app.jobs.scans import enqueue_scans
from app.store.base import utcnow
from app.store.models import Delivery, Installation, Repository

log = logging.getLogger(__name__)

KEY = "reconcile"
INTERVAL = timedelta(hours=1)
LOOK_BACK = timedelta(hours=24)  # beyond the interval: a missed run or a long outage still heals
MAX_LISTED = 2_000
MAX_REDELIVERIES = 100
MAX_ATTEMPTS = 3
RESCAN_AFTER = timedelta(days=7)
MAX_RESCANS = 200


def failed_deliveries(attempts: list[HookDelivery], stored: set[str]) -> tuple[list[HookDelivery], list[str]]:
    """(the newest attempt of each delivery to redeliver, the GUIDs given up on): deliveries with no
    successful attempt that the store does not hold."""
    by_guid: dict[str, list[HookDelivery]] = defaultdict(list)
    for attempt in attempts:
        by_guid[attempt.guid].append(attempt)
    retry: list[HookDelivery] = []
    given_up: list[str] = []
    for guid, tries in by_guid.items():
        if guid in stored or any(t.succeeded for t in tries):
            continue
        if len(tries) >= MAX_ATTEMPTS:
            given_up.append(guid)
        else:
            retry.append(max(tries, key=lambda t: t.delivered_at))
    return retry[:MAX_REDELIVERIES], given_up


async def _redeliver_failed(ctx: JobContext) -> tuple[int, int]:
    async with ctx.services.github.app_client() as gh:
        attempts = await recent_deliveries(gh, utcnow() - LOOK_BACK, MAX_LISTED)
        guids = {a.guid for a in attempts}
        with ctx.session() as session:
            stored = (
                set(session.scalars(select(Delivery.guid).where(Delivery.guid.in_(guids))))
                if guids
                else set()
            )
        retry, given_up = failed_deliveries(attempts, stored)
        for attempt in retry:
            await redeliver(gh, attempt.id)
    for guid in given_up:
        log.warning("reconcile: delivery %s failed %d times; not redelivered again", guid, MAX_ATTEMPTS)
    return len(retry), len(given_up)


def _queue_stale_scans(ctx: JobContext) -> int:
    cutoff = utcnow() - RESCAN_AFTER
    with ctx.session() as session:
        stale = session.execute(
            select(Repository.id, Repository.installation_id)
            .join(Installation, Installation.id == Repository.installation_id)
            .where(
                Repository.removed_reason.is_(None),
                Repository.archived.is_(False),
                Installation.deleted_at.is_(None),
                Installation.suspended_at.is_(None),
                or_(Repository.last_scanned_at.is_(None), Repository.last_scanned_at < cutoff),
            )
            .order_by(Repository.last_scanned_at.is_not(None), Repository.last_scanned_at)
            .limit(MAX_RESCANS)
        ).all()
    by_installation: dict[int, list[int]] = defaultdict(list)
    for repo_id, installation_id in stale:
        if installation_id is not None:  # always, through the join; the column is nullable
            by_installation[installation_id].append(repo_id)
    for installation_id, repo_ids in by_installation.items():
        enqueue_scans(ctx, repo_ids, installation_id, "stale")
    return len(stale)


@job_handler("reconcile")
async def reconcile(ctx: JobContext, payload: dict[str, Any]) -> None:
    redelivered, given_up = await _redeliver_failed(ctx)
    rescans = _queue_stale_scans(ctx)
    log.info("reconcile: %d redelivered, %d given up, %d stale scans queued", redelivered, given_up, rescans)
    ctx.enqueue("reconcile", {}, dedupe_key=KEY, run_after=utcnow() + INTERVAL)


def schedule_reconcile(services: Services) -> None:
    with services.sessions() as session, session.begin():
        queue.enqueue(session, "reconcile", {}, dedupe_key=KEY)
