"""The scheduled `advisories.sync` job: sync from GitHub, queue `advisories.changed` for the packages
that gained or changed advisories (their check runs are refreshed), and schedule the next run."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.advisories.sync import sync_github
from app.jobs.registry import job_handler
from app.store.base import utcnow
from app.store.models import Installation, Job

if TYPE_CHECKING:
    from app.jobs.context import JobContext

log = logging.getLogger(__name__)

SYNC_KIND = "advisories.sync"
CHANGED_KIND = "advisories.changed"
SYNC_INTERVAL = timedelta(hours=1)
PACKAGES_PER_CHANGED_JOB = 1000


def _installation_for(ctx: JobContext, payload: dict[str, Any]) -> int | None:
    """Any active installation: its token reads public advisories at the installation rate limit."""
    if payload.get("installation_id"):
        return int(payload["installation_id"])
    with ctx.session() as session:
        query = select(Installation.id).where(
            Installation.suspended_at.is_(None), Installation.deleted_at.is_(None)
        )
        return session.scalars(query.order_by(Installation.id).limit(1)).first()


def ensure_scheduled(session: Session) -> int | None:
    """Seed the hourly sync once (call at worker start-up): a no-op while one is queued or running."""
    from app.jobs.queue import enqueue

    pending = select(Job.id).where(Job.kind == SYNC_KIND, Job.state.in_(("queued", "running"))).limit(1)
    if session.scalar(pending) is not None:
        return None
    return enqueue(session, SYNC_KIND, {}, dedupe_key=SYNC_KIND)


def enqueue_changed(
    session: Session, packages: Iterable[tuple[str, str]], *, cursor: str | None = None
) -> int:
    """Queue `advisories.changed` jobs (re-check the repositories using these packages); returns how many."""
    from app.jobs.queue import enqueue

    changed = sorted(packages)
    for start in range(0, len(changed), PACKAGES_PER_CHANGED_JOB):
        chunk = [list(pair) for pair in changed[start : start + PACKAGES_PER_CHANGED_JOB]]
        enqueue(session, CHANGED_KIND, {"packages": chunk, "cursor": cursor})
    return -(-len(changed) // PACKAGES_PER_CHANGED_JOB)


@job_handler(SYNC_KIND)
async def sync_advisories(ctx: JobContext, payload: dict[str, Any]) -> None:
    try:
        installation_id = _installation_for(ctx, payload)
        if installation_id is None:
            log.info("advisories.sync: no active installation yet; trying again later")
            return
        async with ctx.services.github.installation(installation_id) as gh:
            report = await sync_github(gh, ctx.services.sessions)
        log.info(
            "advisories.sync: %d fetched, %d new, %d updated, %d rejected",
            report.fetched,
            report.stats.inserted,
            report.stats.updated,
            len(report.rejected),
        )
        with ctx.session() as session, session.begin():
            enqueue_changed(session, report.stats.changed_packages, cursor=report.cursor)
    finally:  # even a failed run keeps the schedule alive; the dedupe key keeps one pending
        ctx.enqueue(SYNC_KIND, {}, dedupe_key=SYNC_KIND, run_after=utcnow() + SYNC_INTERVAL)
