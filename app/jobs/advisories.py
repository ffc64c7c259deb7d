"""The scheduled `advisories.sync` job: sync from GitHub, queue `advisories.changed` for the packages
that gained or changed advisories (their check runs are refreshed), and schedule the next run.

Besides the hourly schedule, a sync is requested at once (`request_sync_now`, deduplicated) when the
App is installed and when a check reads an ecosystem the database has no advisories for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import AdvisorySource
from app.advisories.sync import SOURCE as SYNC_SOURCE
from app.advisories.sync import sync_github
from app.jobs.registry import job_handler
from app.store.base import utcnow
from app.store.models import Installation, Job
from checks.model import CheckResult

if TYPE_CHECKING:
    from app.jobs.context import JobContext

log = logging.getLogger(__name__)

SYNC_KIND = "advisories.sync"
CHANGED_KIND = "advisories.changed"
GAPS_KIND = "advisories.gaps_filled"  # re-check repositories whose result lacked advisory data
SYNC_INTERVAL = timedelta(hours=1)
SYNC_COOLDOWN = timedelta(minutes=15)  # a sync this recent answers an on-demand request
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


def has_active_installation(session: Session) -> bool:
    """Whether the app is installed anywhere (not suspended, not uninstalled)."""
    query = select(Installation.id).where(
        Installation.suspended_at.is_(None), Installation.deleted_at.is_(None)
    )
    return session.scalar(query.limit(1)) is not None


def ensure_scheduled(session: Session) -> int | None:
    """Seed the hourly sync once (call at worker start-up): a no-op while one is queued or running."""
    from app.jobs.queue import enqueue

    pending = select(Job.id).where(Job.kind == SYNC_KIND, Job.state.in_(("queued", "running"))).limit(1)
    if session.scalar(pending) is not None:
        return None
    return enqueue(session, SYNC_KIND, {}, dedupe_key=SYNC_KIND)


def request_sync_now(
    session: Session, *, installation_id: int | None = None, now: datetime | None = None
) -> int | None:
    """Have the advisory sync run now, without ever adding a second one: a queued sync (the hourly
    one) is moved forward, a running one is left to finish, and a sync that succeeded within
    SYNC_COOLDOWN is enough (an ecosystem it left empty has no advisories to fetch). Returns the id
    of the job that will run (None: nothing to do). Works inside the caller's transaction."""
    from app.jobs.queue import enqueue

    now = now or utcnow()
    last = session.get(AdvisorySource, SYNC_SOURCE)
    if last is not None and last.last_success_at is not None and now - last.last_success_at < SYNC_COOLDOWN:
        return None
    unfinished = select(Job).where(Job.kind == SYNC_KIND, Job.state.in_(("queued", "running")))
    jobs = list(session.scalars(unfinished.order_by(Job.id)))
    if any(job.state == "running" for job in jobs):
        return None
    payload = {"installation_id": installation_id} if installation_id is not None else {}
    if jobs:  # the queued one (the dedupe key keeps it single) runs now instead of later
        waiting = jobs[0]
        if waiting.run_after > now:
            waiting.run_after = now
            waiting.payload = payload or waiting.payload
        return waiting.id
    return enqueue(session, SYNC_KIND, payload, dedupe_key=SYNC_KIND, run_after=now)


def request_sync_for_gap(sessions: sessionmaker[Session], result: CheckResult | None) -> int | None:
    """An immediate sync when a dependency check found an ecosystem with no advisories at all."""
    gap = result.data.get("advisory_data") if result is not None else None
    if not isinstance(gap, dict) or not gap.get("missing"):
        return None
    with sessions() as session, session.begin():
        job_id = request_sync_now(session)
    if job_id is not None:
        log.info("advisory data missing for %s: sync requested (job %s)", ", ".join(gap["missing"]), job_id)
    return job_id


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
        from app.jobs.queue import enqueue

        with ctx.session() as session, session.begin():
            enqueue_changed(session, report.stats.changed_packages, cursor=report.cursor)
            enqueue(session, GAPS_KIND, {}, dedupe_key=GAPS_KIND)
    finally:  # even a failed run keeps the schedule alive; the dedupe key keeps one pending
        ctx.enqueue(SYNC_KIND, {}, dedupe_key=SYNC_KIND, run_after=utcnow() + SYNC_INTERVAL)
