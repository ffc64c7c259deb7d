"""Parses of git blobs by blob SHA, so a file read once is never downloaded or parsed again.

A git blob SHA names its content, so a parse keyed by (blob sha, parser) stays true forever; `parser`
names the format and parser revision, so a parser upgrade simply misses the cache. All portable
SQLAlchemy; no state kept in process memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from app.store.base import Base, JsonType, UTCDateTime, utcnow

Key = tuple[str, str]  # (blob sha, parser)


class ParsedBlob(Base):
    """One file's parse, keyed by git blob SHA and the parser that read it. `data` holds the
    dependencies without their path (a blob can appear at several paths), or a small file's text."""

    __tablename__ = "checkrun_parsed_blobs"
    __table_args__ = (UniqueConstraint("blob_sha", "parser", name="uq_checkrun_parsed_blobs_sha_parser"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    blob_sha: Mapped[str] = mapped_column(String(64))
    parser: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[Any] = mapped_column(JsonType, default=list)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@dataclass(frozen=True, slots=True)
class StoredParse:
    format: str
    data: Any
    error: str | None = None


def cached_blobs(session: Session, keys: Iterable[Key]) -> dict[Key, ParsedBlob]:
    wanted = set(keys)
    if not wanted:
        return {}
    shas = sorted({sha for sha, _ in wanted})
    rows = session.scalars(select(ParsedBlob).where(ParsedBlob.blob_sha.in_(shas))).all()
    return {(r.blob_sha, r.parser): r for r in rows if (r.blob_sha, r.parser) in wanted}


def save_blob(session: Session, blob_sha: str, parser: str, fmt: str, data: Any, error: str | None) -> None:
    """Insert a parse; another worker may have stored the same blob first, which is fine."""
    try:
        with session.begin_nested():
            session.add(ParsedBlob(blob_sha=blob_sha, parser=parser, format=fmt, data=data, error=error))
    except IntegrityError:
        pass


class ParseCache:
    """The parse cache in the database; each call is one short transaction of its own."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def load(self, keys: Iterable[Key]) -> dict[Key, StoredParse]:
        with self.sessions() as session:
            rows = cached_blobs(session, keys)
            return {key: StoredParse(row.format, row.data, row.error) for key, row in rows.items()}

    def save(self, parses: dict[Key, StoredParse]) -> None:
        if not parses:
            return
        with self.sessions() as session, session.begin():
            for (sha, parser), parse in parses.items():
                save_blob(session, sha, parser, parse.format, parse.data, parse.error)
