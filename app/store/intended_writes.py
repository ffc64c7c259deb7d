"""The writes a dry run would have made, per repository: the last scan's (the pull request) and the
last check run's, each replaced as a whole by the next job of its kind. A job that runs for real
stores an empty list, so the dashboard stops saying "would" once the writes are made."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base, UTCDateTime, utcnow

SCAN = "scan"  # the pull request a scan would open, update or close
CHECK_RUN = "check_run"  # the check run a check-run job would file


class IntendedWrite(Base):
    __tablename__ = "dry_run_writes"
    __table_args__ = (Index("ix_dry_run_writes_repository", "repository_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    repository_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("repositories.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(16))  # scan | check_run
    position: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def replace_intended_writes(session: Session, repository_id: int, source: str, writes: Sequence[str]) -> None:
    """What the latest job of `source` would have written (empty: it wrote for real, or nothing)."""
    session.execute(
        delete(IntendedWrite).where(
            IntendedWrite.repository_id == repository_id, IntendedWrite.source == source
        )
    )
    now = utcnow()
    for position, summary in enumerate(writes):
        session.add(
            IntendedWrite(
                repository_id=repository_id,
                source=source,
                position=position,
                summary=summary[:2000],
                recorded_at=now,
            )
        )


def intended_writes(session: Session, repository_ids: Iterable[int]) -> dict[int, list[str]]:
    """Per repository: its recorded dry-run writes, the scan's first, each in the order made."""
    ids = list(repository_ids)
    if not ids:
        return {}
    rows = session.scalars(
        select(IntendedWrite)
        .where(IntendedWrite.repository_id.in_(ids))
        .order_by(IntendedWrite.repository_id, IntendedWrite.source.desc(), IntendedWrite.position)
    )
    out: dict[int, list[str]] = {}
    for row in rows:
        out.setdefault(row.repository_id, []).append(row.summary)
    return out
