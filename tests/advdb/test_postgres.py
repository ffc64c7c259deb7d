"""The advisory store on PostgreSQL (a throwaway server; skipped when PostgreSQL is not installed)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.importer import import_items
from app.advisories.sources.files import ImportItem, iter_paths
from app.advisories.store import database_stats, load_index
from checks.model import Dependency
from tests.advdb.conftest import osv
from tests.conftest import shared_path

pytestmark = pytest.mark.postgres


def test_import_update_and_match_on_postgres(pg_sessions: sessionmaker[Session]) -> None:
    folder = shared_path("advisories", "nodejs-security-wg", "vuln", "npm")
    report = import_items(pg_sessions, iter_paths([folder]), batch_size=100)
    assert (report.stats.inserted, report.rejected_count) == (467, 0)

    newer = osv("NSWG-ECO-516", "npm", "lodash", [{"introduced": "0"}, {"fixed": "4.17.20"}])
    newer["modified"] = "2030-01-01T00:00:00Z"
    bad = osv("X" * 300, "npm", "x", [{"introduced": "0"}])
    again = import_items(pg_sessions, [ImportItem("a", newer), ImportItem("b", bad)])
    assert again.stats.updated == 1 and again.rejected_count == 1

    with pg_sessions() as session:
        index = load_index(session, [("npm", "lodash")])
        assert database_stats(session).by_ecosystem["npm"] == 467
    found = index.match([Dependency("npm", "lodash", "4.17.19", "package-lock.json", 3)])
    assert [(f.advisory_id, f.fixed_versions) for f in found] == [("NSWG-ECO-516", ("4.17.20",))]
