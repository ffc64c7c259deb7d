"""Advisory tables, a portable batched upsert, and loading the match index from the database.

`advisories` holds each OSV record whole (the JSON is the source of truth); `advisory_packages` is the
(ecosystem, normalised name) -> advisory id lookup that lets a scan load only the records it needs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, Integer, String, Table, Text, delete, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.advisories.osv import InvalidRecord, base_ecosystem, normalise_name, packages, summary_of, validate
from app.store.base import Base, JsonType, UTCDateTime, utcnow

if TYPE_CHECKING:
    from checks.advisories.index import AdvisoryIndex

BATCH = 1000
# SQLite allows 32k bound parameters since 3.32, PostgreSQL 65k; stay well below both.
IN_CHUNK = 500


class Advisory(Base):
    __tablename__ = "advisories"
    __table_args__ = (Index("ix_advisories_modified", "modified"),)

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    modified: Mapped[datetime] = mapped_column(UTCDateTime)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    withdrawn: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    record: Mapped[dict[str, Any]] = mapped_column(JsonType)


class AdvisoryPackage(Base):
    __tablename__ = "advisory_packages"
    __table_args__ = (Index("ix_advisory_packages_ecosystem_name", "ecosystem", "name"),)

    advisory_id: Mapped[str] = mapped_column(
        String(255), ForeignKey("advisories.id", ondelete="CASCADE"), primary_key=True
    )
    ecosystem: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(String(512), primary_key=True)


class AdvisorySource(Base):
    """One importer's progress: its incremental cursor and the outcome of its last run."""

    __tablename__ = "advisory_sources"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(255), nullable=True)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # the end of its last run that completed without an error (a whole sync, a whole import)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # the ecosystems this source has supplied advisories for (None: not yet worked out)
    ecosystems: Mapped[list[str] | None] = mapped_column(JsonType, nullable=True)
    last_inserted: Mapped[int] = mapped_column(Integer, default=0)
    last_updated: Mapped[int] = mapped_column(Integer, default=0)
    last_rejected: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


# Core tables for executemany inserts (much cheaper than the ORM bulk path).
ADVISORIES_TABLE: Table = Advisory.__table__  # type: ignore[assignment]
PACKAGES_TABLE: Table = AdvisoryPackage.__table__  # type: ignore[assignment]


@dataclass
class UpsertStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_packages: set[tuple[str, str]] = field(default_factory=set)
    newest_modified: str | None = None

    def add(self, other: UpsertStats) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.changed_packages |= other.changed_packages
        self.newest_modified = max(filter(None, (self.newest_modified, other.newest_modified)), default=None)


def parse_time(value: Any, what: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise InvalidRecord(f"{what} is not an RFC 3339 time: {value!r}") from exc
    if parsed.tzinfo is None:
        from datetime import UTC

        parsed = parsed.replace(tzinfo=UTC)
    return parsed


@dataclass(frozen=True)
class AdvisoryRow:
    id: str
    modified: datetime
    published: datetime | None
    withdrawn: datetime | None
    summary: str
    record: dict[str, Any]
    source: str


def to_row(record: Any, source: str) -> AdvisoryRow:
    """Validate one OSV record and extract its columns; InvalidRecord says why it is unusable."""
    rec = validate(record)
    osv_id = rec["id"]
    modified = parse_time(rec["modified"], f"{osv_id}: 'modified'")
    assert modified is not None
    return AdvisoryRow(
        id=osv_id,
        modified=modified,
        published=parse_time(rec.get("published"), f"{osv_id}: 'published'"),
        withdrawn=parse_time(rec.get("withdrawn"), f"{osv_id}: 'withdrawn'"),
        summary=summary_of(rec).replace("\x00", ""),
        record=rec,
        source=source,
    )


def upsert_batch(session: Session, rows: list[AdvisoryRow]) -> UpsertStats:
    """Insert new records, replace ones with a newer `modified`, leave the rest. One query per step,
    portable across SQLite and PostgreSQL. Commit is the caller's."""
    stats = UpsertStats()
    latest: dict[str, AdvisoryRow] = {}
    for row in rows:  # the same id twice in one batch: the newer wins
        if row.id not in latest or row.modified > latest[row.id].modified:
            latest[row.id] = row
    if not latest:
        return stats
    stored = dict(
        session.execute(select(Advisory.id, Advisory.modified).where(Advisory.id.in_(latest))).all()
    )
    new = [r for r in latest.values() if r.id not in stored]
    newer = [r for r in latest.values() if r.id in stored and r.modified > stored[r.id]]
    stats.unchanged = len(latest) - len(new) - len(newer)
    if newer:
        newer_ids = [r.id for r in newer]
        old = select(AdvisoryPackage.ecosystem, AdvisoryPackage.name).where(
            AdvisoryPackage.advisory_id.in_(newer_ids)
        )
        stats.changed_packages.update((eco, name) for eco, name in session.execute(old))
        session.execute(delete(AdvisoryPackage).where(AdvisoryPackage.advisory_id.in_(newer_ids)))
        session.execute(delete(Advisory).where(Advisory.id.in_(newer_ids)))
    written = new + newer
    if written:
        session.execute(
            insert(ADVISORIES_TABLE),
            [
                {
                    "id": r.id,
                    "modified": r.modified,
                    "published": r.published,
                    "withdrawn": r.withdrawn,
                    "source": r.source,
                    "summary": r.summary,
                    "record": r.record,
                }
                for r in written
            ],
        )
        package_rows = [
            {"advisory_id": r.id, "ecosystem": eco, "name": name}
            for r in written
            for eco, name in packages(r.record)
        ]
        if package_rows:
            session.execute(insert(PACKAGES_TABLE), package_rows)
        stats.changed_packages.update((p["ecosystem"], p["name"]) for p in package_rows)
        stats.newest_modified = max(r.modified for r in written).isoformat()
    stats.inserted, stats.updated = len(new), len(newer)
    return stats


def record_source_run(
    session: Session,
    source: str,
    stats: UpsertStats,
    *,
    rejected: int = 0,
    cursor: str | None = None,
    error: str | None = None,
    complete: bool = True,
) -> None:
    """Record a run of `source` (`complete=False`: progress part-way through a run, not its end).
    A complete run without an error is a successful sync: the advisory data's freshness dates from it."""
    row = session.get(AdvisorySource, source) or AdvisorySource(name=source)
    if cursor is not None:
        row.cursor = cursor
    row.last_sync_at = utcnow()
    row.last_inserted, row.last_updated, row.last_rejected = stats.inserted, stats.updated, rejected
    row.last_error = error
    if complete and error is None:
        row.last_success_at = row.last_sync_at
    known = set(row.ecosystems) if row.ecosystems is not None else source_ecosystems(session, source)
    row.ecosystems = sorted(known | {eco for eco, _ in stats.changed_packages})
    session.add(row)


def source_ecosystems(session: Session, source: str) -> set[str]:
    """The ecosystems the stored advisories of `source` name (a source recorded before they were
    tracked works them out once, from its records)."""
    query = (
        select(AdvisoryPackage.ecosystem)
        .join(Advisory, Advisory.id == AdvisoryPackage.advisory_id)
        .where(Advisory.source == source)
        .distinct()
    )
    return set(session.scalars(query))


def source_cursor(session: Session, source: str) -> str | None:
    row = session.get(AdvisorySource, source)
    return row.cursor if row else None


def _chunks(items: list[Any], size: int = IN_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def advisory_ids_for(session: Session, wanted: Iterable[tuple[str, str]]) -> set[str]:
    """Ids of advisories affecting any of the (ecosystem, name) pairs (names normalised here too).
    One query per ecosystem and chunk of names, so the (ecosystem, name) index serves every lookup."""
    by_ecosystem: dict[str, set[str]] = {}
    for eco, name in wanted:
        by_ecosystem.setdefault(base_ecosystem(eco), set()).add(normalise_name(eco, name))
    ids: set[str] = set()
    for eco, names in sorted(by_ecosystem.items()):
        for chunk in _chunks(sorted(names)):
            query = select(AdvisoryPackage.advisory_id).where(
                AdvisoryPackage.ecosystem == eco, AdvisoryPackage.name.in_(chunk)
            )
            ids.update(session.scalars(query))
    return ids


def iter_records(session: Session, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """Stream the non-withdrawn records (all of them, or the given ids) without holding rows."""
    live = Advisory.withdrawn.is_(None)
    if ids is None:
        query = select(Advisory.record).where(live).execution_options(yield_per=2000)
        for (record,) in session.execute(query):
            yield record
        return
    for chunk in _chunks(sorted(ids)):
        for (record,) in session.execute(select(Advisory.record).where(live, Advisory.id.in_(chunk))):
            yield record


def load_index(session: Session, wanted: Iterable[tuple[str, str]] | None = None) -> AdvisoryIndex:
    """The match index over every live record, or, given (ecosystem, normalised name) pairs, over only
    the records that can affect them (a scan needs a few hundred records, not 200,000)."""
    from checks.advisories.index import AdvisoryIndex

    ids = None if wanted is None else advisory_ids_for(session, wanted)
    with _collections_paused():
        index = AdvisoryIndex.from_records(iter_records(session, ids))
    if wanted is None:
        # A whole-database index lives as long as the process: keep its millions of objects out of
        # every later garbage collection (a full collection over them costs hundreds of ms per scan).
        gc.freeze()
    return index


@contextmanager
def _collections_paused() -> Iterator[None]:
    """An index is many long-lived objects without reference cycles: collections while it grows find
    nothing and traverse everything again and again (half the time of a whole-database load, a third
    of a scan's 6,000 records), so they wait. The previous state is restored, whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class DatabaseStats:
    advisories: int
    withdrawn: int
    by_source: dict[str, int]
    by_ecosystem: dict[str, int]
    sources: list[AdvisorySource]


def database_stats(session: Session) -> DatabaseStats:
    total = session.scalar(select(func.count()).select_from(Advisory)) or 0
    withdrawn = session.scalar(select(func.count()).where(Advisory.withdrawn.is_not(None))) or 0
    by_source = dict(session.execute(select(Advisory.source, func.count()).group_by(Advisory.source)).all())
    by_ecosystem = dict(
        session.execute(
            select(
                AdvisoryPackage.ecosystem, func.count(func.distinct(AdvisoryPackage.advisory_id))
            ).group_by(AdvisoryPackage.ecosystem)
        ).all()
    )
    sources = list(session.scalars(select(AdvisorySource).order_by(AdvisorySource.name)))
    return DatabaseStats(total, withdrawn, by_source, by_ecosystem, sources)
