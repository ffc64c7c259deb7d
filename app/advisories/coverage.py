"""What the advisory store covers: advisories per ecosystem and when each was last synced.

`load_coverage` gives a run the facts its dependency check judges freshness by
(`checks.model.AdvisoryCoverage`); `freshness` gives `/readyz`, the dashboard and
`advisories stats` the same facts for the whole database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.advisories.store import Advisory, AdvisoryPackage, AdvisorySource
from checks.model import AdvisoryCoverage
from checks.versions import base_ecosystem


def _synced_at(sources: Iterable[AdvisorySource]) -> dict[str, datetime]:
    """Per ecosystem, the newest successful run of a source that supplies it."""
    synced: dict[str, datetime] = {}
    for source in sources:
        if source.last_success_at is None:
            continue
        for eco in source.ecosystems or ():
            if eco not in synced or source.last_success_at > synced[eco]:
                synced[eco] = source.last_success_at
    return synced


def _sources(session: Session) -> list[AdvisorySource]:
    return list(session.scalars(select(AdvisorySource).order_by(AdvisorySource.name)))


def ecosystem_counts(session: Session) -> dict[str, int]:
    """Advisories held per ecosystem."""
    query = select(
        AdvisoryPackage.ecosystem, func.count(func.distinct(AdvisoryPackage.advisory_id))
    ).group_by(AdvisoryPackage.ecosystem)
    return {str(eco): int(count) for eco, count in session.execute(query).all()}


# Counting distinct advisories per ecosystem takes most of a second on 200,000 records, and /readyz
# may be polled every few seconds: the counts are kept per database until a source records a run
# (every sync page and import does) or the number of advisories changes.
_COUNTS: dict[tuple[str, int], tuple[tuple[object, ...], dict[str, int]]] = {}


def _counts(session: Session, sources: list[AdvisorySource]) -> dict[str, int]:
    bind = session.get_bind()
    database = (str(bind.engine.url), id(bind.engine))
    total = session.scalar(select(func.count()).select_from(Advisory)) or 0
    version = (total, *((s.name, s.last_sync_at) for s in sources))
    cached = _COUNTS.get(database)
    if cached is not None and cached[0] == version:
        return cached[1]
    counts = ecosystem_counts(session)
    _COUNTS[database] = (version, counts)
    return counts


def ecosystems_with_data(session: Session, ecosystems: Iterable[str]) -> frozenset[str]:
    """Which of the ecosystems have at least one advisory (one indexed probe each: a run pays about
    a millisecond, where counting 200,000 advisories would cost over half a second)."""
    held = set()
    for eco in sorted({base_ecosystem(e) for e in ecosystems}):
        if session.scalar(select(exists().where(AdvisoryPackage.ecosystem == eco))):
            held.add(eco)
    return frozenset(held)


def load_coverage(session: Session, ecosystems: Iterable[str], max_age: timedelta) -> AdvisoryCoverage:
    """The coverage facts for the ecosystems a run reads."""
    sources = _sources(session)
    return AdvisoryCoverage(
        ecosystems=ecosystems_with_data(session, ecosystems),
        synced_at=_synced_at(sources),
        max_age=max_age,
        sources=sum(1 for s in sources if s.last_success_at is not None),
    )


@dataclass(frozen=True)
class Freshness:
    """The whole database: advisories per ecosystem, when each ecosystem was last synced, and the
    newest successful sync of any source."""

    counts: dict[str, int]
    synced_at: dict[str, datetime]
    last_success: datetime | None
    max_age: timedelta

    def age(self, now: datetime) -> timedelta | None:
        return None if self.last_success is None else now - self.last_success

    def stale(self, now: datetime) -> list[str]:
        """Ecosystems with advisories whose last successful sync is older than `max_age` (or unknown)."""
        oldest_current = now - self.max_age
        return [e for e in sorted(self.counts) if _older(self.synced_at.get(e), oldest_current)]

    def current(self, now: datetime) -> bool:
        return bool(self.counts) and not self.stale(now)


def _older(synced: datetime | None, oldest_current: datetime) -> bool:
    return synced is None or synced < oldest_current


def freshness(session: Session, max_age: timedelta) -> Freshness:
    sources = _sources(session)
    successes = [s.last_success_at for s in sources if s.last_success_at is not None]
    return Freshness(_counts(session, sources), _synced_at(sources), max(successes, default=None), max_age)


@dataclass(frozen=True)
class EcosystemFreshness:
    ecosystem: str
    advisories: int
    synced_at: datetime | None
    age: str  # "5 h 3 min", "never synced"
    stale: bool


def per_ecosystem(report: Freshness, now: datetime) -> list[EcosystemFreshness]:
    """One line per ecosystem with advisories, in name order, for the dashboard and `/readyz`."""
    stale = set(report.stale(now))
    rows = []
    for eco in sorted(report.counts, key=str.lower):
        synced = report.synced_at.get(eco)
        age = describe_age(now - synced) if synced is not None else "never synced"
        rows.append(EcosystemFreshness(eco, report.counts[eco], synced, age, eco in stale))
    return rows


def describe_age(age: timedelta) -> str:
    """`42 s`, `17 min`, `5 h 3 min`, `3 d 4 h`."""
    seconds = max(int(age.total_seconds()), 0)
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"
