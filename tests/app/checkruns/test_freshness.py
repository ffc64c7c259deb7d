"""Missing or stale advisory data is never a pass: check runs through the real advisory store and the
fake GitHub end neutral with the reason, and an ecosystem without advisories requests one sync."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.advisories.store import AdvisorySource
from app.checkruns import jobs
from app.checkruns.escape import escape_markdown_text
from app.jobs.advisories import GAPS_KIND, SYNC_KIND
from app.jobs.context import JobContext, Services
from app.store.models import CheckResultRow, Installation, Job, Repository
from tests.advisory_data import store_advisories
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.fakes import FakeGitHubApp
from tests.app.checkruns.test_jobs import BASE, HEAD, FakeSettings, lodash_advisory, payload
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.anyio
CLEAN = {"package-lock.json": npm_lock({"lodash": "4.17.21"})}


JOB_IDS = itertools.count(1)


def context(sessions: sessionmaker[Session], settings: Any = None) -> JobContext:
    """A new job each time (a job's second attempt would continue its first run)."""
    services = Services(settings=settings or FakeSettings(), sessions=sessions, github=FakeGitHubApp())  # type: ignore[arg-type]
    return JobContext(
        services, job_id=next(JOB_IDS), kind="checkrun.run", attempt=1, installation_id=99, repository_id=7
    )


def sync_jobs(sessions: sessionmaker[Session]) -> list[Job]:
    with sessions() as session:
        return list(session.scalars(select(Job).where(Job.kind == SYNC_KIND)))


async def run_once(sessions: sessionmaker[Session], files: dict[str, bytes]) -> dict[str, Any]:
    fake = FakeGitHub(commits={BASE: files, HEAD: files})
    with fake.client():
        await jobs.run_job(context(sessions), payload())
    (run,) = fake.runs.values()
    return dict(run)


async def test_an_empty_database_gives_a_neutral_run_with_the_reason(sessions) -> None:
    run = await run_once(sessions, CLEAN)
    assert run["conclusion"] == "neutral"
    assert run["output"]["title"] == "No advisory source has run: advisory data missing for npm"
    summary = run["output"]["summary"]
    reason = escape_markdown_text("no advisory source has run: advisory data missing for npm")
    assert summary.startswith(f"**Neutral:** {reason}. Findings may be missing")
    assert "Passing" not in summary and "cannot pass" in summary
    # and the missing ecosystem asked for one sync, at once
    (sync,) = sync_jobs(sessions)
    assert sync.state == "queued" and sync.run_after <= datetime.now(UTC)


async def test_an_ecosystem_without_advisories_requests_one_sync_however_many_runs(sessions) -> None:
    with sessions() as session, session.begin():
        store_advisories(session, [lodash_advisory()])  # npm only
    files = {**CLEAN, "requirements.txt": b"jinja2==2.10\n"}
    for _ in range(3):
        run = await run_once(sessions, files)
        assert run["conclusion"] == "neutral"
        assert run["output"]["title"] == "Advisory data missing for PyPI"
    assert len(sync_jobs(sessions)) == 1


async def test_the_hourly_sync_waiting_is_brought_forward_not_doubled(sessions) -> None:
    later = datetime.now(UTC) + timedelta(minutes=50)
    with sessions() as session, session.begin():
        session.add(Job(kind=SYNC_KIND, payload={}, dedupe_key=SYNC_KIND, run_after=later))
    await run_once(sessions, CLEAN)
    (sync,) = sync_jobs(sessions)
    assert sync.run_after <= datetime.now(UTC)


async def test_no_sync_is_requested_right_after_a_successful_one(sessions) -> None:
    with sessions() as session, session.begin():
        store_advisories(session, [lodash_advisory()], source="github")  # the app's sync, just now
    run = await run_once(sessions, {**CLEAN, "requirements.txt": b"jinja2==2.10\n"})
    assert run["output"]["title"] == "Advisory data missing for PyPI"
    assert sync_jobs(sessions) == []  # GitHub had nothing for PyPI a moment ago: no storm


async def test_stale_data_gives_neutral_stale_since(sessions) -> None:
    with sessions() as session, session.begin():
        store_advisories(session, [lodash_advisory()])
        synced = session.get(AdvisorySource, "test").last_success_at  # type: ignore[union-attr]
    # the clock moves past ADVISORY_MAX_AGE (24 h by default) without another sync
    settings = FakeSettings(advisory_max_age=timedelta(hours=24))
    fake = FakeGitHub(commits={BASE: CLEAN, HEAD: CLEAN})
    with fake.client():
        ctx = context(sessions, settings)
        await jobs.run_job(ctx, payload())
    (fresh_run,) = fake.runs.values()
    assert fresh_run["conclusion"] == "success"  # 24 h have not passed on the real clock

    with sessions() as session, session.begin():
        session.execute(update(AdvisorySource).values(last_success_at=synced - timedelta(hours=25)))
    fake = FakeGitHub(commits={BASE: CLEAN, HEAD: CLEAN})
    with fake.client():
        await jobs.run_job(context(sessions, settings), payload())
    (run,) = fake.runs.values()
    since = (synced - timedelta(hours=25)).strftime("%Y-%m-%d %H:%M UTC")
    assert run["conclusion"] == "neutral"
    assert run["output"]["title"] == f"Advisory data stale since {since} (npm)"
    assert "Passing" not in run["output"]["summary"]


async def test_findings_still_fail_when_the_data_is_stale(sessions) -> None:
    with sessions() as session, session.begin():
        store_advisories(session, [lodash_advisory()])
        session.execute(update(AdvisorySource).values(last_success_at=datetime(2020, 1, 1, tzinfo=UTC)))
    fake = FakeGitHub(
        commits={
            BASE: CLEAN,
            HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})},
        }
    )
    with fake.client():
        await jobs.run_job(context(sessions), payload())
    (run,) = fake.runs.values()
    assert run["conclusion"] == "failure"
    assert run["output"]["title"] == "1 introduced (1 high)"
    reason = escape_markdown_text("advisory data stale since 2020-01-01 00:00 UTC (npm)")
    assert f"**Also:** {reason}." in run["output"]["summary"]


async def test_a_successful_sync_rechecks_repositories_it_filled_in(sessions) -> None:
    with sessions() as session, session.begin():
        session.add(Installation(id=99, account_login="acme", account_id=1, account_type="Organization"))
        session.flush()
        for repo_id, name in ((7, "shop"), (8, "other")):
            session.add(Repository(id=repo_id, installation_id=99, owner="acme", name=name))
        session.flush()
        gap = {"missing": ["npm"], "stale": {}, "no_source": True, "summary": "..."}
        session.add(
            CheckResultRow(
                repository_id=7,
                check_id="dependency-advisories",
                status="error",
                details={"data": {"advisory_data": gap}},
            )
        )
        missing_go = {**gap, "missing": ["Go"]}
        session.add(
            CheckResultRow(
                repository_id=8,
                check_id="dependency-advisories",
                status="error",
                details={"data": {"advisory_data": missing_go}},
            )
        )
        store_advisories(session, [lodash_advisory()])  # npm filled in; Go still has nothing
    await jobs.advisory_gaps_filled(context(sessions), {})
    with sessions() as session:
        queued = list(session.scalars(select(Job).where(Job.kind != GAPS_KIND)))
    assert [(j.kind, j.repository_id, j.payload["trigger"]) for j in queued] == [
        ("checkrun.run", 7, "advisories.synced")
    ]
