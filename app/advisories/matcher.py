"""Advisory matchers for the app side: one that loads, per match, only the database records that can
affect the dependencies given (a few hundred rows instead of the whole database)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session, sessionmaker

from app.advisories.osv import base_ecosystem, normalise_name
from app.advisories.store import load_index
from checks.advisories.index import AdvisoryIndex
from checks.advisories.remediation import AffectedRanges
from checks.model import AdvisoryFinding, Dependency


class DatabaseMatcher:
    """`AdvisoryMatcher` backed by the advisory tables; each `match` reads what it needs. The records
    the last match read stay available to `affected_entries` (upgrade plans for its findings)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.records_loaded = 0
        self._last = AdvisoryIndex()

    def match(self, dependencies: list[Dependency]) -> list[AdvisoryFinding]:
        wanted = {
            (base_ecosystem(d.ecosystem), normalise_name(d.ecosystem, d.name))
            for d in dependencies
            if d.version is not None
        }
        if not wanted:
            return []
        with self.sessions() as session:
            index = load_index(session, wanted)
        self.records_loaded += len(index)
        self._last = index
        return index.match(dependencies)

    def affected_entries(self, ecosystem: str, name: str) -> Mapping[str, Sequence[AffectedRanges]]:
        return self._last.affected_entries(ecosystem, name)
