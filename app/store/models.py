"""The core tables: installations, repositories, check results, the app's pull requests,
webhook deliveries and jobs. GitHub numeric ids are primary keys (they survive renames).

The advisory, check-run and dashboard packages define their own tables on the same `Base`;
`app/tables.py` imports them all for Alembic.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base, JsonType, UTCDateTime, utcnow


class Installation(Base):
    __tablename__ = "installations"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    account_login: Mapped[str] = mapped_column(String(255))
    account_id: Mapped[int] = mapped_column(BigInteger)
    account_type: Mapped[str] = mapped_column(String(32))  # Organization | User
    repository_selection: Mapped[str] = mapped_column(String(16), default="all")
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def active(self) -> bool:
        return self.suspended_at is None and self.deleted_at is None


class Repository(Base):
    __tablename__ = "repositories"
    __table_args__ = (
        Index("ix_repositories_owner_name", "owner", "name"),
        Index("ix_repositories_installation", "installation_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    installation_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("installations.id", ondelete="SET NULL"), nullable=True
    )
    owner: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    default_branch: Mapped[str] = mapped_column(String(255), default="main")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    fork: Mapped[bool] = mapped_column(Boolean, default=False)
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    empty: Mapped[bool] = mapped_column(Boolean, default=False)
    html_url: Mapped[str] = mapped_column(String(1024), default="")
    head_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # why the repository is not scanned any more: removed | deleted | transferred | uninstalled
    removed_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # last scan outcome that is not a check result: skipped-empty, skipped-archived, error: ...
    scan_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_scanned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


class CheckResultRow(Base):
    """The latest result of one check on one repository."""

    __tablename__ = "check_results"
    __table_args__ = (UniqueConstraint("repository_id", "check_id", name="uq_check_results_repo_check"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repository_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("repositories.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    commit_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckResultHistory(Base):
    """Every status change of a check on a repository (for history and the trend chart)."""

    __tablename__ = "check_result_history"
    __table_args__ = (Index("ix_check_result_history_repo_check", "repository_id", "check_id", "scanned_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repository_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("repositories.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    commit_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HygienePullRequest(Base):
    """The app's own SECURITY.md/badge pull request on a repository (at most one tracked)."""

    __tablename__ = "hygiene_pull_requests"

    repository_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("repositories.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer)
    branch: Mapped[str] = mapped_column(String(255))
    # open | merged | declined (closed by a human, unmerged) | closed_by_app
    state: Mapped[str] = mapped_column(String(16))
    html_url: Mapped[str] = mapped_column(String(1024), default="")
    head_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Delivery(Base):
    """A verified webhook delivery, stored raw before it is acknowledged."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guid: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(64))
    action: Mapped[str | None] = mapped_column(String(64), nullable=True)
    installation_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    redeliveries: Mapped[int] = mapped_column(Integer, default=0)


class Job(Base):
    """A durable unit of work, claimed with a lease (see app/jobs/queue.py)."""

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_claim", "state", "priority", "run_after", "id"),
        Index("ix_jobs_dedupe", "dedupe_key", "state"),
        Index("ix_jobs_failed_by_installation", "state", "installation_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    # queued | running | done | failed
    state: Mapped[str] = mapped_column(String(16), default="queued")
    dedupe_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # 0 = interactive (a person waits: check runs, webhook deliveries), 1 = background (scans, syncs)
    priority: Mapped[int] = mapped_column(SmallInteger, default=1, server_default="1")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    locked_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # how a finished job ended when that is not plain success: "ignored: no handler for ...", ...
    outcome: Mapped[str | None] = mapped_column(String(255), nullable=True)
    delivery_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("deliveries.id", ondelete="SET NULL"), nullable=True
    )
    installation_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    repository_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
