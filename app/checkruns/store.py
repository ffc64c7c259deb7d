"""Tables of the check runs: the runs we filed, the newest head seen per pull request (to tell a
superseded run), and the claims that let one automatic job at a time file a run on a head.

All portable SQLAlchemy; no state kept in process memory.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, JsonType, UTCDateTime, insert_if_absent, utcnow


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


class FilingClaim(Base):
    """An automatic job filing a run on a head right now. The primary key makes it exclusive: `push`,
    `pull_request` and `check_suite` for one head, handled by two workers at once, take turns, and the
    second sees the first's completed run (`completed_tree_shas`) instead of filing a duplicate. The row
    is deleted when the job is done; `claimed_until` frees it from a job whose worker died."""

    __tablename__ = "checkrun_claims"

    repository_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    head_sha: Mapped[str] = mapped_column(String(64), primary_key=True)
    check_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    claimed_until: Mapped[datetime] = mapped_column(UTCDateTime)


def claim_filing(
    session: Session,
    repository_id: int,
    head_sha: str,
    check_name: str,
    holder: str,
    *,
    now: datetime,
    until: datetime,
) -> bool:
    """Take (or, for the same holder or after the previous holder's claim lapsed, take over) the right
    to file `check_name` on this head. True for exactly one of concurrent claimers."""
    key = {"repository_id": repository_id, "head_sha": head_sha, "check_name": check_name}
    if insert_if_absent(session, FilingClaim, {**key, "holder": holder, "claimed_until": until}, list(key)):
        return True
    taken = session.execute(
        update(FilingClaim)
        .where(
            FilingClaim.repository_id == repository_id,
            FilingClaim.head_sha == head_sha,
            FilingClaim.check_name == check_name,
            or_(FilingClaim.holder == holder, FilingClaim.claimed_until < now),
        )
        .values(holder=holder, claimed_until=until)
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def release_filing(session: Session, repository_id: int, head_sha: str, check_name: str, holder: str) -> None:
    session.execute(
        delete(FilingClaim).where(
            FilingClaim.repository_id == repository_id,
            FilingClaim.head_sha == head_sha,
            FilingClaim.check_name == check_name,
            FilingClaim.holder == holder,
        )
    )
