"""Writes a stream of `ImportItem`s to the database in batches, committing each batch, and reports
what was inserted, updated, left unchanged, skipped and rejected (with reasons)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.osv import InvalidRecord
from app.advisories.sources.files import ImportItem
from app.advisories.store import BATCH, AdvisoryRow, UpsertStats, record_source_run, to_row, upsert_batch

MAX_REASONS_KEPT = 1000
FILES_SOURCE = "osv-files"  # where rejections of unreadable files are counted


@dataclass
class ImportReport:
    stats: UpsertStats = field(default_factory=UpsertStats)
    seen: int = 0
    skipped: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason), first ones only
    rejected_count: int = 0
    seconds: float = 0.0
    by_source: dict[str, UpsertStats] = field(default_factory=dict)
    rejected_by_source: Counter[str] = field(default_factory=Counter)

    def reject(self, origin: str, reason: str, source: str = FILES_SOURCE) -> None:
        self.rejected_count += 1
        self.rejected_by_source[source] += 1
        if len(self.rejected) < MAX_REASONS_KEPT:
            self.rejected.append((origin, reason))

    def add(self, source: str, stats: UpsertStats) -> None:
        self.stats.add(stats)
        self.by_source.setdefault(source, UpsertStats()).add(stats)


Progress = Callable[[ImportReport], None]


def import_items(
    sessions: sessionmaker[Session],
    items: Iterable[ImportItem],
    *,
    progress: Progress | None = None,
    batch_size: int = BATCH,
) -> ImportReport:
    report = ImportReport()
    started = time.monotonic()
    batch: list[AdvisoryRow] = []

    def flush() -> None:
        if not batch:
            return
        by_source: dict[str, list[AdvisoryRow]] = {}
        for row in batch:
            by_source.setdefault(row.source, []).append(row)
        try:
            with sessions() as session, session.begin():
                done = [(source, upsert_batch(session, rows)) for source, rows in by_source.items()]
            for source, stats in done:
                report.add(source, stats)
        except SQLAlchemyError:  # one row the database refuses must not cost the other rows
            for row in batch:
                try:
                    with sessions() as session, session.begin():
                        report.add(row.source, upsert_batch(session, [row]))
                except SQLAlchemyError as exc:
                    why = type(getattr(exc, "orig", None) or exc).__name__
                    report.reject(row.id, f"the database refused it ({why})", row.source)
        batch.clear()
        report.seconds = time.monotonic() - started
        if progress:
            progress(report)

    for item in items:
        report.seen += 1
        if item.skipped:
            report.skipped += 1
        elif item.error or item.record is None:
            report.reject(item.origin, item.error or "no record")
        else:
            try:
                batch.append(to_row(item.record, item.source))
            except InvalidRecord as exc:
                report.reject(item.origin, str(exc), item.source)
        if len(batch) >= batch_size:
            flush()
    flush()
    with sessions() as session, session.begin():
        for source in sorted(set(report.by_source) | set(report.rejected_by_source)) or [FILES_SOURCE]:
            stats = report.by_source.get(source, UpsertStats())
            record_source_run(session, source, stats, rejected=report.rejected_by_source[source])
    report.seconds = time.monotonic() - started
    return report
