"""The installation-token cache table: one row per installation, the token encrypted at rest.

Every worker process reads the same row, so a token minted by one serves all until it nears its expiry.
Refreshing is claimed with one conditional UPDATE: on PostgreSQL the UPDATE takes the row's lock and
re-checks its condition once a concurrent claimer commits (so exactly one claimer sees rowcount 1), on
SQLite the single writer lock serialises the claims. The claim is a short lease (`refresh_until`), not
a transaction held open across the HTTP call that mints the token: a claimer that dies mid-mint holds
the others back only until the lease ends.

`TokenRows` is what the cache needs of a store: `DatabaseTokenRows` shares tokens through this table,
`MemoryTokenRows` within one process (a client built without a database).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import BigInteger, LargeBinary, String, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from app.store.base import Base, UTCDateTime, insert_if_absent, utcnow


class InstallationTokenRow(Base):
    __tablename__ = "installation_tokens"

    installation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # the encrypted token (never the plaintext); NULL until minted and after a 401 dropped it
    ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # who is minting a new token now, and until when that claim holds
    refresh_owner: Mapped[str | None] = mapped_column(String(128), nullable=True)
    refresh_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@dataclass(frozen=True)
class StoredToken:
    ciphertext: bytes
    expires_at: datetime


class TokenRows(Protocol):
    def read(self, installation_id: int) -> StoredToken | None: ...

    def claim_refresh(
        self, installation_id: int, owner: str, *, now: datetime, renew_before: datetime, until: datetime
    ) -> bool:
        """Claim the right to mint: only when no token valid past `renew_before` is stored and no
        unexpired claim is held. True for exactly one of concurrent claimers."""
        ...

    def save(self, installation_id: int, owner: str, ciphertext: bytes, expires_at: datetime) -> bool:
        """Store a minted token and end `owner`'s claim (False: the claim was lost, nothing stored)."""
        ...

    def release(self, installation_id: int, owner: str) -> None: ...

    def drop(self, installation_id: int, ciphertext: bytes) -> bool:
        """Forget the stored token if it is still this one (a newer token is kept)."""
        ...


class DatabaseTokenRows:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def read(self, installation_id: int) -> StoredToken | None:
        with self.sessions() as session:
            row = session.execute(
                select(InstallationTokenRow.ciphertext, InstallationTokenRow.expires_at).where(
                    InstallationTokenRow.installation_id == installation_id
                )
            ).first()
        if row is None or row.ciphertext is None or row.expires_at is None:
            return None
        return StoredToken(bytes(row.ciphertext), row.expires_at)

    def claim_refresh(
        self, installation_id: int, owner: str, *, now: datetime, renew_before: datetime, until: datetime
    ) -> bool:
        row = InstallationTokenRow
        with self.sessions() as session, session.begin():
            insert_if_absent(
                session, row, {"installation_id": installation_id, "updated_at": now}, ["installation_id"]
            )
            result = session.execute(
                update(row)
                .where(
                    row.installation_id == installation_id,
                    or_(row.ciphertext.is_(None), row.expires_at.is_(None), row.expires_at <= renew_before),
                    or_(row.refresh_until.is_(None), row.refresh_until < now),
                )
                .values(refresh_owner=owner, refresh_until=until, updated_at=now)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def save(self, installation_id: int, owner: str, ciphertext: bytes, expires_at: datetime) -> bool:
        row = InstallationTokenRow
        with self.sessions() as session, session.begin():
            result = session.execute(
                update(row)
                .where(row.installation_id == installation_id, row.refresh_owner == owner)
                .values(
                    ciphertext=ciphertext,
                    expires_at=expires_at,
                    refresh_owner=None,
                    refresh_until=None,
                    updated_at=utcnow(),
                )
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def release(self, installation_id: int, owner: str) -> None:
        row = InstallationTokenRow
        with self.sessions() as session, session.begin():
            session.execute(
                update(row)
                .where(row.installation_id == installation_id, row.refresh_owner == owner)
                .values(refresh_owner=None, refresh_until=None)
            )

    def drop(self, installation_id: int, ciphertext: bytes) -> bool:
        row = InstallationTokenRow
        with self.sessions() as session, session.begin():
            result = session.execute(
                update(row)
                .where(row.installation_id == installation_id, row.ciphertext == ciphertext)
                .values(ciphertext=None, expires_at=None, updated_at=utcnow())
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]


@dataclass
class _MemoryRow:
    ciphertext: bytes | None = None
    expires_at: datetime | None = None
    refresh_owner: str | None = None
    refresh_until: datetime | None = None


class MemoryTokenRows:
    """The same contract within one process (no database)."""

    def __init__(self) -> None:
        self._rows: dict[int, _MemoryRow] = {}
        self._lock = threading.Lock()

    def read(self, installation_id: int) -> StoredToken | None:
        with self._lock:
            row = self._rows.get(installation_id)
            if row is None or row.ciphertext is None or row.expires_at is None:
                return None
            return StoredToken(row.ciphertext, row.expires_at)

    def claim_refresh(
        self, installation_id: int, owner: str, *, now: datetime, renew_before: datetime, until: datetime
    ) -> bool:
        with self._lock:
            row = self._rows.setdefault(installation_id, _MemoryRow())
            valid = (
                row.ciphertext is not None and row.expires_at is not None and row.expires_at > renew_before
            )
            if valid or (row.refresh_until is not None and row.refresh_until >= now):
                return False
            row.refresh_owner, row.refresh_until = owner, until
            return True

    def save(self, installation_id: int, owner: str, ciphertext: bytes, expires_at: datetime) -> bool:
        with self._lock:
            row = self._rows.get(installation_id)
            if row is None or row.refresh_owner != owner:
                return False
            row.ciphertext, row.expires_at = ciphertext, expires_at
            row.refresh_owner = row.refresh_until = None
            return True

    def release(self, installation_id: int, owner: str) -> None:
        with self._lock:
            row = self._rows.get(installation_id)
            if row is not None and row.refresh_owner == owner:
                row.refresh_owner = row.refresh_until = None

    def drop(self, installation_id: int, ciphertext: bytes) -> bool:
        with self._lock:
            row = self._rows.get(installation_id)
            if row is None or row.ciphertext != ciphertext:
                return False
            row.ciphertext = row.expires_at = None
            return True
