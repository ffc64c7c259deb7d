from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import (
    Advisory,
    AdvisoryPackage,
    advisory_ids_for,
    database_stats,
    iter_records,
    to_row,
    upsert_batch,
)
from tests.app.advisories.conftest import osv


def _upsert(sessions: sessionmaker[Session], *records: dict) -> object:
    with sessions() as session, session.begin():
        return upsert_batch(session, [to_row(r, "test") for r in records])


def test_insert_then_newer_replaces_and_same_is_unchanged(sessions: sessionmaker[Session]) -> None:
    first = osv("OSV-1", "PyPI", "Jinja2", [{"introduced": "0"}, {"fixed": "2.10.1"}])
    stats = _upsert(sessions, first)
    assert (stats.inserted, stats.updated, stats.unchanged) == (1, 0, 0)
    assert stats.changed_packages == {("PyPI", "jinja2")}

    assert _upsert(sessions, first).unchanged == 1
    older = osv("OSV-1", "PyPI", "other", [{"introduced": "0"}], modified="2023-01-01T00:00:00Z")
    assert _upsert(sessions, older).unchanged == 1

    newer = osv("OSV-1", "PyPI", "markupsafe", [{"introduced": "0"}], modified="2024-06-01T00:00:00.5Z")
    stats = _upsert(sessions, newer)
    assert (stats.inserted, stats.updated) == (0, 1)
    with sessions() as session:
        names = session.scalars(select(AdvisoryPackage.name)).all()
        assert names == ["markupsafe"]
        row = session.get(Advisory, "OSV-1")
        assert row is not None and row.record["affected"][0]["package"]["name"] == "markupsafe"


def test_same_id_twice_in_one_batch_keeps_the_newer(sessions: sessionmaker[Session]) -> None:
    a = osv("OSV-2", "npm", "a", [{"introduced": "0"}], modified="2024-01-02T00:00:00Z")
    b = osv("OSV-2", "npm", "b", [{"introduced": "0"}], modified="2024-01-01T00:00:00Z")
    stats = _upsert(sessions, a, b)
    assert stats.inserted == 1
    with sessions() as session:
        assert session.scalars(select(AdvisoryPackage.name)).all() == ["a"]


def test_lookup_by_package_skips_withdrawn_and_other_ecosystems(sessions: sessionmaker[Session]) -> None:
    _upsert(
        sessions,
        osv("A", "npm", "lodash", [{"introduced": "0"}]),
        osv("B", "npm", "lodash", [{"introduced": "0"}], withdrawn="2024-02-01T00:00:00Z"),
        osv("C", "PyPI", "lodash", [{"introduced": "0"}]),
        osv("D", "Maven:https://maven.google.com", "g:a", [{"introduced": "0"}]),
    )
    with sessions() as session:
        ids = advisory_ids_for(session, [("npm", "lodash"), ("Maven", "g:a")])
        assert ids == {"A", "B", "D"}
        assert advisory_ids_for(session, [("PyPI", "LoDash")]) == {"C"}  # PEP 503 applied to lookups
        assert sorted(r["id"] for r in iter_records(session, ids)) == ["A", "D"]
        assert sorted(r["id"] for r in iter_records(session)) == ["A", "C", "D"]
        stats = database_stats(session)
        assert (stats.advisories, stats.withdrawn) == (4, 1)
        assert stats.by_ecosystem == {"npm": 2, "PyPI": 1, "Maven": 1}


def test_changed_packages_include_the_ones_a_newer_record_dropped(sessions: sessionmaker[Session]) -> None:
    _upsert(sessions, osv("M-1", "npm", "old-name", [{"introduced": "0"}]))
    newer = osv("M-1", "npm", "new-name", [{"introduced": "0"}], modified="2025-01-01T00:00:00Z")
    assert _upsert(sessions, newer).changed_packages == {("npm", "old-name"), ("npm", "new-name")}
