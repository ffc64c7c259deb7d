"""Tables of the check runs: the runs we filed, and the newest head seen per pull request (to tell a
superseded run).

All portable SQLAlchemy; no state kept in process memory.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, JsonType, UTCDateTime, utcnow


class CheckRunRecord(Base):
    """A check run the app filed on GitHub."""

    __tablename__ = "checkrun_runs"
    __table_args__ = (Index("ix_checkrun_runs_repo_head", "repository_id", "head_sha"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repository_id: Mapped[int] = mapped_column(BigInteger)
    head_sha: Mapped[str] = mapped_column(String(64))
    base_ref: Mapped[str | None] = mapped_column(String(255), nullable=True)
    base_tree_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)  # what the base was
    pull_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    check_run_id: Mapped[int] = mapped_column(BigInteger)
    job_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the job that filed it
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    conclusion: Mapped[str | None] = mapped_column(String(16), nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PullHead(Base):
    """The newest head SHA seen for a pull request, to recognise a superseded run."""

    __tablename__ = "checkrun_pull_heads"

    repository_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    pull_number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    head_sha: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def record_pull_head(
    session: Session, repository_id: int, pull_number: int, head_sha: str, seen: datetime
) -> bool:
    """Remember `head_sha` as the PR's head unless a newer event already set another; True if stored."""
    row = session.get(PullHead, (repository_id, pull_number))
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    PullHead(
                        repository_id=repository_id,
                        pull_number=pull_number,
                        head_sha=head_sha,
                        updated_at=seen,
                    )
                )
            return True
        except IntegrityError:
            row = session.get(PullHead, (repository_id, pull_number))
            if row is None:
                raise
    if row.updated_at > seen:
        return False
    row.head_sha, row.updated_at = head_sha, seen
    return True


def newest_pull_head(session: Session, repository_id: int, pull_number: int) -> str | None:
    row = session.get(PullHead, (repository_id, pull_number))
    return row.head_sha if row else None


def is_whole_state(record: CheckRunRecord) -> bool:
    """Whether the run checked a default branch's whole state (every finding counted)."""
    return bool((record.details or {}).get("whole_state"))


def completed_tree_shas(
    session: Session, repository_id: int, head_sha: str, *, whole_state: bool = False
) -> set[str]:
    """Base tree shas of the runs we completed on this head (to skip an identical automatic re-run).
    A whole-state run counts every finding, so it stands in for a run on the change (mode `new`) too;
    a run on the change never stands in for a whole-state one."""
    stmt = select(CheckRunRecord).where(
        CheckRunRecord.repository_id == repository_id,
        CheckRunRecord.head_sha == head_sha,
        CheckRunRecord.status == "completed",
        CheckRunRecord.base_tree_sha.is_not(None),
    )
    return {
        r.base_tree_sha
        for r in session.scalars(stmt)
        if r.base_tree_sha and (is_whole_state(r) or not whole_state)
    }


def run_of_job(session: Session, repository_id: int, head_sha: str, job_id: int) -> CheckRunRecord | None:
    """The run this job filed on this head in an earlier attempt (retried or rescheduled), if any."""
    stmt = (
        select(CheckRunRecord)
        .where(
            CheckRunRecord.repository_id == repository_id,
            CheckRunRecord.head_sha == head_sha,
            CheckRunRecord.job_id == job_id,
        )
        .order_by(CheckRunRecord.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()
