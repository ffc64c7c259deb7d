"""Seeding the advisory store in tests: records stored the way a sync stores them, with the source's
successful run recorded (its time and ecosystems), so runs see fresh advisory data. A test of missing
or stale data stores nothing, or moves its clock past `ADVISORY_MAX_AGE`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.advisories.store import UpsertStats, record_source_run, to_row, upsert_batch
from app.advisories.sync import SOURCE as SYNC_SOURCE


def store_advisories(
    session: Session, records: Iterable[dict[str, Any]], source: str = "test"
) -> UpsertStats:
    """Upsert OSV records as `source` and record a successful sync of it, now (commit is the caller's)."""
    stats = upsert_batch(session, [to_row(r, source) for r in records])
    record_source_run(session, source, stats)
    return stats


def record_fresh_sync(session: Session, source: str = SYNC_SOURCE) -> None:
    """A successful run of `source` (by default the app's GitHub sync) just now, storing nothing: for a
    world whose GitHub stand-in serves no advisories, so that no on-demand sync is requested of it."""
    record_source_run(session, source, UpsertStats())
