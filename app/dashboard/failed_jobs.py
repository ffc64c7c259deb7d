"""The org's failed jobs: those that used up their attempts, newest first, one page at a time.

A job belongs to an org when its `installation_id` is one of the org's installations (this covers
jobs tied to no repository: a failed `delivery`, `sync_installations`, ...), or, for a job that
recorded no installation, when its repository does. A job that ran under another installation is
never shown, even if its repository has since moved to this org (its error is that installation's),
and a repository is named only when it belongs to the org.
Jobs that recorded neither an installation nor a repository (`advisories.sync`, `sync_installations`,
a delivery without an installation) belong to the whole app: every org's page lists the newest few of
them without their error, which may name another installation (the worker log has it, redacted).
Counting and paging happen in SQL; `state = 'failed'` uses the `ix_jobs_claim` index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from app.logging_setup import redact
from app.store.models import Job, Repository

PAGE_SIZE = 50
APP_WIDE_SHOWN = 10
ERROR_SHOWN = 2_000  # characters of the last error; a traceback can be much longer


@dataclass(frozen=True)
class FailedJobRow:
    id: int
    kind: str
    repository: str | None  # None: the job is tied to no repository of this org
    repository_linked: bool  # False when the repository has since left the installation
    attempts: int
    max_attempts: int
    failed_at: datetime | None
    last_error: str  # redacted and shortened


@dataclass(frozen=True)
class AppWideJob:
    kind: str
    attempts: int
    max_attempts: int
    failed_at: datetime | None


@dataclass(frozen=True)
class FailedJobsPage:
    rows: list[FailedJobRow]
    total: int
    page: int
    pages: int
    app_wide: list[AppWideJob]
    app_wide_total: int


def _org_repository(installation_ids: Sequence[int]) -> ColumnElement[bool]:
    return and_(Repository.id == Job.repository_id, Repository.installation_id.in_(installation_ids))


def _failed_in_org(installation_ids: Sequence[int]) -> ColumnElement[bool]:
    return and_(
        Job.state == "failed",
        or_(
            Job.installation_id.in_(installation_ids),
            and_(Job.installation_id.is_(None), Repository.id.is_not(None)),
        ),
    )


def count_failed(db: Session, installation_ids: Sequence[int]) -> int:
    total = db.scalar(
        select(func.count())
        .select_from(Job)
        .outerjoin(Repository, _org_repository(installation_ids))
        .where(_failed_in_org(installation_ids))
    )
    return int(total or 0)


def shown_error(error: str | None) -> str:
    text = redact(error or "")  # redact first: a cut could leave a token its pattern no longer matches
    return text if len(text) <= ERROR_SHOWN else text[:ERROR_SHOWN] + " …"


def failed_jobs_page(db: Session, installation_ids: Sequence[int], page: int) -> FailedJobsPage:
    total = count_failed(db, installation_ids)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    query = (
        select(
            Job.id,
            Job.kind,
            Job.attempts,
            Job.max_attempts,
            Job.finished_at,
            Job.updated_at,
            Job.last_error,
            Repository.name,
            Repository.removed_at,
        )
        .outerjoin(Repository, _org_repository(installation_ids))
        .where(_failed_in_org(installation_ids))
        .order_by(Job.updated_at.desc(), Job.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    rows = [
        FailedJobRow(
            id=r.id,
            kind=r.kind,
            repository=r.name,
            repository_linked=r.name is not None and r.removed_at is None,
            attempts=r.attempts,
            max_attempts=r.max_attempts,
            failed_at=r.finished_at or r.updated_at,
            last_error=shown_error(r.last_error),
        )
        for r in db.execute(query)
    ]
    app_wide, app_wide_total = app_wide_failed(db)
    return FailedJobsPage(rows, total, page, pages, app_wide, app_wide_total)


def app_wide_failed(db: Session, limit: int = APP_WIDE_SHOWN) -> tuple[list[AppWideJob], int]:
    scope = and_(Job.state == "failed", Job.installation_id.is_(None), Job.repository_id.is_(None))
    total = db.scalar(select(func.count()).select_from(Job).where(scope)) or 0
    newest = db.execute(
        select(Job.kind, Job.attempts, Job.max_attempts, Job.finished_at, Job.updated_at)
        .where(scope)
        .order_by(Job.updated_at.desc(), Job.id.desc())
        .limit(limit)
    )
    jobs = [AppWideJob(r.kind, r.attempts, r.max_attempts, r.finished_at or r.updated_at) for r in newest]
    return jobs, int(total)
