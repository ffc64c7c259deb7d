"""GitHub answers kept for conditional requests: per installation and URL, the validators GitHub sent
(`ETag`, `Last-Modified`) and the answer's body, so a later `GET` of the same URL can ask "changed
since?" and, on `304 Not Modified` (which costs no rate budget), reuse the body.

Bodies are stored compressed and only up to `MAX_BODY_BYTES` (a larger answer is simply not kept); an
answer not used for `RETENTION` is pruned by the maintenance job, so the table holds about what the
recent scans read. `DatabaseConditionalRows` shares the answers with every worker through this table,
`MemoryConditionalRows` keeps a bounded number within one process (a client built without a database).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import BigInteger, LargeBinary, String, delete, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from app.store.base import Base, UTCDateTime, insert_if_absent, utcnow

MAX_BODY_BYTES = 2 * 1024 * 1024  # uncompressed; a recursive tree of ~10,000 paths
RETENTION = timedelta(days=8)  # longer than the daily rescans' interval
TOUCH_AFTER = timedelta(hours=12)  # a reuse marks the row as used at most this often (fewer writes)


class ConditionalResponse(Base):
    __tablename__ = "conditional_responses"

    installation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    url_key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the URL
    etag: Mapped[str | None] = mapped_column(String(255), nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(64), nullable=True)
    credential: Mapped[str] = mapped_column(String(16))  # which token the ETag was issued to
    content_type: Mapped[str] = mapped_column(String(255))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@dataclass(frozen=True)
class StoredAnswer:
    etag: str | None
    last_modified: str | None
    credential: str
    content_type: str
    body: bytes  # compressed as stored
    used_at: datetime


class ConditionalRows(Protocol):
    def get(self, installation_id: int, url_key: str) -> StoredAnswer | None: ...

    def put(self, installation_id: int, url_key: str, answer: StoredAnswer) -> None: ...

    def touch(self, installation_id: int, url_key: str, now: datetime) -> None: ...

    def prune(self, before: datetime) -> int: ...


def _answer(row: ConditionalResponse) -> StoredAnswer:
    return StoredAnswer(row.etag, row.last_modified, row.credential, row.content_type, row.body, row.used_at)


class DatabaseConditionalRows:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def get(self, installation_id: int, url_key: str) -> StoredAnswer | None:
        with self.sessions() as session:
            row = session.get(ConditionalResponse, (installation_id, url_key))
            return _answer(row) if row is not None else None

    def put(self, installation_id: int, url_key: str, answer: StoredAnswer) -> None:
        values = {
            "etag": answer.etag,
            "last_modified": answer.last_modified,
            "credential": answer.credential,
            "content_type": answer.content_type,
            "body": answer.body,
            "used_at": answer.used_at,
        }
        row = ConditionalResponse
        with self.sessions() as session, session.begin():
            keys = {"installation_id": installation_id, "url_key": url_key}
            if insert_if_absent(session, row, {**keys, **values}, list(keys)):
                return
            session.execute(
                update(row)
                .where(row.installation_id == installation_id, row.url_key == url_key)
                .values(**values)
            )

    def touch(self, installation_id: int, url_key: str, now: datetime) -> None:
        row = ConditionalResponse
        with self.sessions() as session, session.begin():
            session.execute(
                update(row)
                .where(row.installation_id == installation_id, row.url_key == url_key)
                .values(used_at=now)
            )

    def prune(self, before: datetime) -> int:
        with self.sessions() as session, session.begin():
            result = session.execute(delete(ConditionalResponse).where(ConditionalResponse.used_at < before))
            return int(getattr(result, "rowcount", 0) or 0)


class MemoryConditionalRows:
    """The most recently used answers, at most `max_bytes` of stored (compressed) bodies."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[tuple[int, str], StoredAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, installation_id: int, url_key: str) -> StoredAnswer | None:
        with self._lock:
            answer = self._answers.get((installation_id, url_key))
            if answer is not None:
                self._answers.move_to_end((installation_id, url_key))
            return answer

    def put(self, installation_id: int, url_key: str, answer: StoredAnswer) -> None:
        with self._lock:
            old = self._answers.pop((installation_id, url_key), None)
            self._bytes -= len(old.body) if old is not None else 0
            self._answers[(installation_id, url_key)] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes and self._answers:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    def touch(self, installation_id: int, url_key: str, now: datetime) -> None:
        with self._lock:
            answer = self._answers.get((installation_id, url_key))
            if answer is not None:
                self._answers[(installation_id, url_key)] = replace(answer, used_at=now)

    def prune(self, before: datetime) -> int:
        with self._lock:
            old = [key for key, answer in self._answers.items() if answer.used_at < before]
            for key in old:
                self._bytes -= len(self._answers.pop(key).body)
            return len(old)
