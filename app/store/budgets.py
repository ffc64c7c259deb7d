"""Each installation's GitHub rate budget, shared by every worker process: the last `X-RateLimit-*`
reading any of them saw, and when the installation's next mutating request may be sent.

A reading replaces the stored one only when it is newer: a later window (`reset_at`), or the same
window with less remaining (concurrent workers may report out of order). The write slot is taken
with one row-locking read-modify-write: on PostgreSQL `SELECT ... FOR UPDATE` serialises concurrent
takers, on SQLite the single writer does.

`BudgetRows` is what the budget needs of a store: `DatabaseBudgetRows` shares it through this table,
`MemoryBudgetRows` within one process (a client built without a database).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import BigInteger, Integer, and_, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from app.store.base import Base, UTCDateTime, insert_if_absent, utcnow


class InstallationBudget(Base):
    __tablename__ = "installation_budgets"

    installation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    limit: Mapped[int | None] = mapped_column(Integer, nullable=True)
    remaining: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reset_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    next_write_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


@dataclass(frozen=True)
class RateReading:
    limit: int
    remaining: int
    reset_at: datetime

    def below(self, percent: int, now: datetime) -> bool:
        """Less than `percent` % of the limit remains, and the window has not reset yet."""
        return self.reset_at > now and self.spendable_above(percent) < 0

    def spendable_above(self, percent: int) -> int:
        """Requests left before only `percent` % of the limit remains (negative: already below)."""
        return self.remaining - -(-self.limit * percent // 100)

    def supersedes(self, other: RateReading) -> bool:
        """A later window, or the same window with less left: what a budget row keeps."""
        return other.reset_at < self.reset_at or (
            other.reset_at == self.reset_at and other.remaining > self.remaining
        )

    def exhausted(self, now: datetime) -> bool:
        return self.reset_at > now and self.remaining <= 0


class BudgetRows(Protocol):
    def record(self, installation_id: int, reading: RateReading) -> None: ...

    def read(self, installation_id: int) -> RateReading | None: ...

    def take_write_slot(self, installation_id: int, interval: timedelta, now: datetime) -> datetime:
        """Reserve the installation's next write: the time it may be sent (`now` or later); the slot
        after it is `interval` later."""
        ...


class DatabaseBudgetRows:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def record(self, installation_id: int, reading: RateReading) -> None:
        values = {
            "installation_id": installation_id,
            "limit": reading.limit,
            "remaining": reading.remaining,
            "reset_at": reading.reset_at,
            "updated_at": utcnow(),
        }
        row = InstallationBudget
        newer = or_(
            row.reset_at.is_(None),
            row.reset_at < reading.reset_at,
            and_(row.reset_at == reading.reset_at, row.remaining > reading.remaining),
        )
        with self.sessions() as session, session.begin():
            if insert_if_absent(session, row, values, ["installation_id"]):
                return
            session.execute(
                update(row)
                .where(row.installation_id == installation_id, newer)
                .values(limit=reading.limit, remaining=reading.remaining, reset_at=reading.reset_at)
            )

    def read(self, installation_id: int) -> RateReading | None:
        with self.sessions() as session:
            row = session.get(InstallationBudget, installation_id)
            if row is None or row.limit is None or row.remaining is None or row.reset_at is None:
                return None
            return RateReading(row.limit, row.remaining, row.reset_at)

    def take_write_slot(self, installation_id: int, interval: timedelta, now: datetime) -> datetime:
        with self.sessions() as session, session.begin():
            insert_if_absent(
                session,
                InstallationBudget,
                {"installation_id": installation_id, "updated_at": now},
                ["installation_id"],
            )
            planned = session.scalar(
                select(InstallationBudget.next_write_at)
                .where(InstallationBudget.installation_id == installation_id)
                .with_for_update()
            )
            slot = max(planned or now, now)
            session.execute(
                update(InstallationBudget)
                .where(InstallationBudget.installation_id == installation_id)
                .values(next_write_at=slot + interval)
            )
            return slot


class MemoryBudgetRows:
    def __init__(self) -> None:
        self._readings: dict[int, RateReading] = {}
        self._next_write: dict[int, datetime] = {}
        self._lock = threading.Lock()

    def record(self, installation_id: int, reading: RateReading) -> None:
        with self._lock:
            old = self._readings.get(installation_id)
            if old is None or reading.supersedes(old):
                self._readings[installation_id] = reading

    def read(self, installation_id: int) -> RateReading | None:
        with self._lock:
            return self._readings.get(installation_id)

    def take_write_slot(self, installation_id: int, interval: timedelta, now: datetime) -> datetime:
        with self._lock:
            slot = max(self._next_write.get(installation_id, now), now)
            self._next_write[installation_id] = slot + interval
            return slot
