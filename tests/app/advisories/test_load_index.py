"""`load_index`: the whole database or only the records that can affect the packages asked for, with
garbage collection paused while the index grows and the previous state restored."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import load_index, to_row, upsert_batch
from checks.model import Dependency
from tests.app.advisories.conftest import osv


@pytest.fixture
def stored(sessions: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    records = [
        osv("GHSA-aaaa-aaaa-aaaa", "npm", "lodash", [{"introduced": "0"}, {"fixed": "4.17.21"}]),
        osv("PYSEC-2020-1", "PyPI", "Jinja2", [{"introduced": "0"}, {"fixed": "2.10.1"}]),
        osv("GHSA-gone-gone-gone", "npm", "lodash", [{"introduced": "0"}], withdrawn="2024-02-01T00:00:00Z"),
    ]
    with sessions() as session:
        upsert_batch(session, [to_row(r, "test") for r in records])
        session.commit()
    yield sessions
    gc.unfreeze()


@pytest.mark.parametrize("enabled", [True, False])
def test_whole_database_restores_the_collector_state(stored: sessionmaker[Session], enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with stored() as session:
            index = load_index(session)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert sorted(index._records) == ["GHSA-aaaa-aaaa-aaaa", "PYSEC-2020-1"]
    found = index.match([Dependency("PyPI", "jinja2", "2.10", "requirements.txt", 1, True)])
    assert [(f.advisory_id, f.fixed_versions) for f in found] == [("PYSEC-2020-1", ("2.10.1",))]


def test_collector_is_restored_when_loading_fails(
    stored: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from checks.advisories.index import AdvisoryIndex

    def broken(records: object) -> AdvisoryIndex:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(AdvisoryIndex, "from_records", broken)
    with stored() as session, pytest.raises(RuntimeError, match="disk gone"):
        load_index(session)
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_wanted_packages_only(stored: sessionmaker[Session], enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with stored() as session:
            index = load_index(session, [("npm", "lodash")])
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert len(index) == 1 and "GHSA-aaaa-aaaa-aaaa" in index
