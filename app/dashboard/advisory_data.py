"""The org overview's "Advisory data" section: what the advisory database holds per ecosystem and how
long ago each was last synced, so an admin sees why dependency checks end neutral."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.advisories.coverage import EcosystemFreshness, describe_age, freshness, per_ecosystem


@dataclass(frozen=True)
class AdvisoryData:
    ecosystems: list[EcosystemFreshness]
    last_sync_age: str | None  # the newest successful sync of any source; None: never
    max_age: str
    current: bool  # advisories held, and none older than max_age

    @property
    def total(self) -> int:
        return sum(e.advisories for e in self.ecosystems)


def advisory_data(session: Session, max_age: timedelta, now: datetime) -> AdvisoryData:
    report = freshness(session, max_age)
    age = report.age(now)
    return AdvisoryData(
        ecosystems=per_ecosystem(report, now),
        last_sync_age=describe_age(age) if age is not None else None,
        max_age=describe_age(max_age),
        current=report.current(now),
    )
