"""The check-run tables and queries on PostgreSQL (several workers share them there)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns import results
from app.checkruns.runner import RunEnv, RunRequest, run_check_run
from app.checkruns.store import CheckRunRecord, completed_tree_shas, newest_pull_head, record_pull_head
from app.store.models import CheckResultRow, Installation, Repository
from app.store.parse_cache import ParsedBlob, cached_blobs, save_blob
from app.store.results import store_results
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.factories import finding
from tests.app.checkruns.fakes import TableMatcher, github
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_blob_cache_and_pull_heads(postgres_sessions: sessionmaker[Session]) -> None:
    with postgres_sessions() as session:
        save_blob(
            session, "a" * 40, "deps:package-lock.json:1", "npm", [["npm", "x", "1", 3, True, False]], None
        )
        save_blob(session, "a" * 40, "deps:package-lock.json:1", "npm", [], "a second worker")  # no error
        session.commit()
        hit = cached_blobs(session, [("a" * 40, "deps:package-lock.json:1"), ("b" * 40, "x")])
        assert list(hit) == [("a" * 40, "deps:package-lock.json:1")]
        assert hit[("a" * 40, "deps:package-lock.json:1")].data == [["npm", "x", "1", 3, True, False]]
        assert len(session.scalars(select(ParsedBlob)).all()) == 1
    with postgres_sessions() as session, session.begin():
        assert record_pull_head(session, 7, 3, "h1", T0)
        assert record_pull_head(session, 7, 3, "h2", T0.replace(hour=11))
        assert not record_pull_head(session, 7, 3, "h0", T0.replace(hour=9))
    with postgres_sessions() as session:
        assert newest_pull_head(session, 7, 3) == "h2"


@pytest.mark.anyio
async def test_run_and_stored_result_on_postgres(postgres_sessions: sessionmaker[Session]) -> None:
    matcher = TableMatcher({("npm", "lodash", "4.17.15"): [finding()]})
    fake = FakeGitHub(
        commits={"h" * 40: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, "b" * 40: {}}
    )
    env = RunEnv(
        postgres_sessions, matcher.loader, app_id=42, clock=lambda: T0, load_coverage=matcher.coverage
    )
    request = RunRequest(7, "acme", "shop", "h" * 40, "b" * 40, automatic=True)
    with fake.client():
        async with github() as gh:
            outcome = await run_check_run(gh, request, env)
            skipped = await run_check_run(gh, request, env)
    assert outcome.conclusion == "failure" and skipped.skipped
    with postgres_sessions() as session:
        assert session.scalars(select(CheckRunRecord.status)).all() == ["completed"]
        assert completed_tree_shas(session, 7, "h" * 40)

    with postgres_sessions() as session, session.begin():
        session.add(Installation(id=99, account_login="acme", account_id=1, account_type="Organization"))
        session.flush()
        session.add(Repository(id=7, installation_id=99, owner="acme", name="shop"))
        session.flush()
        assert outcome.computed is not None and outcome.computed.head_result is not None
        store_results(session, 7, "h" * 40, {"dependency-advisories": outcome.computed.head_result})
    with postgres_sessions() as session:
        row = session.scalars(select(CheckResultRow)).one()
        assert row.status == "fail" and row.details["data"]["packages"] == [["npm", "lodash", "4.17.15"]]
        assert [r.id for r in results.affected_repositories(session, {("npm", "lodash")})] == [7]
        assert results.affected_repositories(session, {("npm", "left-pad")}) == []
