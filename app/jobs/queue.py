"""The durable job queue over the `jobs` table, in portable SQL (SQLite and PostgreSQL).

A job is `queued` until a worker claims it with a conditional UPDATE (only one claimer sees
rowcount 1), `running` under a lease the worker extends with `heartbeat`, then `done` or, after
`max_attempts`, `failed` with its last error. A job whose worker died is claimable again once its
lease has expired. `reschedule` moves a job to a later time without counting the attempt
(rate limits). Every function works inside the caller's transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from app.store.base import utcnow
from app.store.models import Delivery, Job

if TYPE_CHECKING:
    from app.jobs.context import JobContext

# Someone waits on these (a check run on a pull request or push, a re-run, a webhook being handled):
# claims take them before any background job (scans, reconcile, advisory syncs).
INTERACTIVE = 0
BACKGROUND = 1
INTERACTIVE_KINDS = ("delivery", "checkrun.run")


def priority_of(kind: str) -> int:
    return INTERACTIVE if kind in INTERACTIVE_KINDS else BACKGROUND


BACKOFF_BASE = timedelta(seconds=10)
BACKOFF_CAP = timedelta(hours=1)
UNFINISHED = ("queued", "running")


@dataclass(frozen=True)
class ClaimedJob:
    id: int
    kind: str
    payload: dict[str, Any]
    attempt: int
    max_attempts: int
    installation_id: int | None
    repository_id: int | None
    delivery_id: int | None


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    dedupe_key: str | None = None,
    run_after: datetime | None = None,
    installation_id: int | None = None,
    repository_id: int | None = None,
    delivery_id: int | None = None,
    max_attempts: int = 5,
    priority: int | None = None,
) -> int | None:
    """Add a job; None when a queued job with the same dedupe_key already waits. Its priority is
    that of its kind (`priority_of`) unless given.

    Only *queued* jobs absorb a duplicate: a running one may already have read the old state,
    so the new request must still run after it.
    """
    if dedupe_key is not None:
        waiting = session.scalar(
            select(Job.id).where(Job.dedupe_key == dedupe_key, Job.state == "queued").limit(1)
        )
        if waiting is not None:
            return None
    job = Job(
        kind=kind,
        payload=payload,
        dedupe_key=dedupe_key,
        run_after=run_after or utcnow(),
        installation_id=installation_id,
        repository_id=repository_id,
        delivery_id=delivery_id,
        max_attempts=max_attempts,
        priority=priority_of(kind) if priority is None else priority,
    )
    session.add(job)
    session.flush()
    return job.id


# Kinds that run at most `slots` at a time per installation: GitHub's secondary limits punish bursts,
# and one large organisation must not occupy every worker. Their pace within that cap is set by the
# installation's rate budget (app/github/budget.py).
SCAN_KIND = "scan_repository"
SERIAL_PER_INSTALLATION = (SCAN_KIND,)
DEFAULT_SLOTS = 4


def enqueue_scan(ctx: JobContext, repo_id: int, installation_id: int, reason: str) -> None:
    """Queue a scan of one repository; a scan already queued for it absorbs this one."""
    ctx.enqueue(
        SCAN_KIND,
        {"repository_id": repo_id, "reason": reason},
        dedupe_key=f"scan:{repo_id}",
        installation_id=installation_id,
        repository_id=repo_id,
    )


def _serial_ok(now: datetime, slots: int) -> Any:
    """Not a capped kind, or fewer than `slots` jobs of that kind run (under a live lease) in the job's
    installation.

    The running jobs are few, so PostgreSQL hashes them once (`NOT IN (hashed SubPlan)`) instead of
    probing per candidate. This read alone does not serialise concurrent claimers; `_lock_serial`
    does, on PostgreSQL."""
    conditions = []
    for kind in SERIAL_PER_INSTALLATION:
        busy = (
            select(Job.installation_id)
            .where(
                Job.state == "running",
                Job.kind == kind,
                Job.lease_until >= now,
                Job.installation_id.is_not(None),
            )
            .group_by(Job.installation_id)
            .having(func.count() >= slots)
        )
        conditions.append(
            or_(Job.kind != kind, Job.installation_id.is_(None), Job.installation_id.not_in(busy))
        )
    return and_(*conditions)


def _due(now: datetime) -> Any:
    return and_(Job.state == "queued", Job.run_after <= now)


def _lapsed(now: datetime) -> Any:
    return and_(Job.state == "running", Job.lease_until < now)


def _claimable(now: datetime, slots: int) -> Any:
    return and_(or_(_due(now), _lapsed(now)), _serial_ok(now, slots))


def candidates_query(
    now: datetime,
    *,
    kinds: tuple[str, ...] | None = None,
    limit: int = 5,
    lapsed: bool = False,
    slots: int = DEFAULT_SLOTS,
) -> Select[int]:
    """The ids of the next claimable jobs: queued and due, interactive before background and oldest
    first within each, or (`lapsed`) running under an expired lease. Two queries rather than one with
    an OR, so that each walks its index in order (`ix_jobs_claim`: state, priority, run_after, id) and
    stops after `limit` rows, however many are queued.
    Rows another transaction has locked (a concurrent claimer's candidates) are skipped on PostgreSQL."""
    condition = _lapsed(now) if lapsed else _due(now)
    query = (
        select(Job.id)
        .where(condition, _serial_ok(now, slots))
        .order_by(Job.priority, Job.run_after, Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=Job)  # nothing on SQLite
    )
    if kinds:
        query = query.where(Job.kind.in_(kinds))
    return query


def _lock_serial(session: Session, job_id: int) -> bool:
    """On PostgreSQL, take the transaction-scoped advisory lock of a capped job's (kind, installation)
    before claiming it: two claimers can then never both see "a slot is free" (a READ COMMITTED read
    would let them), since the second one to get the lock sees the first one's committed claim.
    False when another claimer holds it now (the job is left for a later claim). SQLite's single writer
    already serialises claims."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    row = session.execute(select(Job.kind, Job.installation_id).where(Job.id == job_id)).one()
    if row.kind not in SERIAL_PER_INSTALLATION or row.installation_id is None:
        return True
    key = func.hashtextextended(f"{row.kind}:{row.installation_id}", 0)
    return bool(session.scalar(select(func.pg_try_advisory_xact_lock(key))))


def claim(
    session: Session,
    worker_id: str,
    *,
    lease: timedelta,
    kinds: tuple[str, ...] | None = None,
    now: datetime | None = None,
    candidates: int = 5,
    slots: int = DEFAULT_SLOTS,
) -> ClaimedJob | None:
    """Take the next due job (or one whose lease expired); at most `slots` scans run per installation.
    Commit the session afterwards."""
    now = now or utcnow()
    lapsed = session.scalars(
        candidates_query(now, kinds=kinds, limit=candidates, lapsed=True, slots=slots)
    ).all()
    due = session.scalars(candidates_query(now, kinds=kinds, limit=candidates, slots=slots)).all()
    for job_id in [*lapsed, *due]:
        if not _lock_serial(session, job_id):
            continue
        result = session.execute(
            update(Job)
            .where(Job.id == job_id, _claimable(now, slots))
            .values(
                state="running",
                lease_until=now + lease,
                locked_by=worker_id,
                attempts=Job.attempts + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            continue  # another worker won this one
        job = session.get(Job, job_id, populate_existing=True)
        assert job is not None
        if job.attempts > job.max_attempts:  # a job whose workers keep dying
            _finish(session, job_id, worker_id, "failed", error=job.last_error or "lease expired repeatedly")
            continue
        return ClaimedJob(
            id=job.id,
            kind=job.kind,
            payload=dict(job.payload or {}),
            attempt=job.attempts,
            max_attempts=job.max_attempts,
            installation_id=job.installation_id,
            repository_id=job.repository_id,
            delivery_id=job.delivery_id,
        )
    return None


def _owned(job_id: int, worker_id: str) -> Any:
    return and_(Job.id == job_id, Job.state == "running", Job.locked_by == worker_id)


def heartbeat(session: Session, job_id: int, worker_id: str, *, lease: timedelta) -> bool:
    """Extend the lease; False means the lease was lost (another worker owns the job now)."""
    now = utcnow()
    result = session.execute(
        update(Job).where(_owned(job_id, worker_id)).values(lease_until=now + lease, updated_at=now)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _finish(
    session: Session,
    job_id: int,
    worker_id: str,
    state: str,
    *,
    error: str | None = None,
    outcome: str | None = None,
) -> bool:
    now = utcnow()
    values: dict[str, Any] = {"state": state, "lease_until": None, "finished_at": now, "updated_at": now}
    if error is not None:
        values["last_error"] = error[:4000]
    if outcome is not None:
        values["outcome"] = outcome[:255]
    result = session.execute(update(Job).where(_owned(job_id, worker_id)).values(**values))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def complete(session: Session, job_id: int, worker_id: str, *, outcome: str | None = None) -> bool:
    return _finish(session, job_id, worker_id, "done", outcome=outcome)


def backoff(attempt: int, *, rng: random.Random | None = None) -> timedelta:
    """Exponential (10 s, 20 s, 40 s, ... capped at 1 h) with jitter in [50 %, 100 %]."""
    raw = min(BACKOFF_BASE * (1 << min(max(attempt - 1, 0), 20)), BACKOFF_CAP)
    jitter: float = 0.5 + 0.5 * (rng or random).random()
    return raw * jitter


def fail(
    session: Session, job_id: int, worker_id: str, error: str, *, rng: random.Random | None = None
) -> str:
    """Record a failed attempt: back to `queued` with backoff, or `failed` once attempts are used up.
    Returns the new state ("" when the lease was lost)."""
    job = session.get(Job, job_id, populate_existing=True)
    if job is None or job.state != "running" or job.locked_by != worker_id:
        return ""
    if job.attempts >= job.max_attempts:
        _finish(session, job_id, worker_id, "failed", error=error)
        return "failed"
    now = utcnow()
    session.execute(
        update(Job)
        .where(_owned(job_id, worker_id))
        .values(
            state="queued",
            run_after=now + backoff(job.attempts, rng=rng),
            lease_until=None,
            locked_by=None,
            last_error=error[:4000],
            updated_at=now,
        )
    )
    return "queued"


def reschedule(session: Session, job_id: int, worker_id: str, run_after: datetime, reason: str) -> bool:
    """Run the job again at `run_after` without counting this attempt (a rate limit is not a failure)."""
    now = utcnow()
    result = session.execute(
        update(Job)
        .where(_owned(job_id, worker_id))
        .values(
            state="queued",
            run_after=max(run_after, now),
            lease_until=None,
            locked_by=None,
            attempts=Job.attempts - 1,
            last_error=reason[:4000],
            updated_at=now,
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def prune(session: Session, before: datetime) -> tuple[int, int]:
    """Delete jobs that finished well before `before` and deliveries no job refers to any more.

    Failed jobs stay (they are shown until someone looks). Deliveries are kept far longer than
    GitHub's redelivery window (3 days, 7 on GHES), so GUID deduplication is unaffected.
    """
    jobs = session.execute(delete(Job).where(Job.state == "done", Job.finished_at < before))
    referenced = exists().where(Job.delivery_id == Delivery.id)
    deliveries = session.execute(delete(Delivery).where(Delivery.received_at < before, ~referenced))
    return int(jobs.rowcount), int(deliveries.rowcount)  # type: ignore[attr-defined]
