"""One completed run per head for automatic triggers, however many workers handle them at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns.runner import CHECK_NAME, FilingBusy, RunEnv, RunOutcome, RunRequest, run_check_run
from app.checkruns.store import CheckRunRecord, FilingClaim, claim_filing, record_pull_head
from app.store.base import Base, make_engine, make_sessionmaker
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.factories import finding
from tests.app.checkruns.fakes import TableMatcher, github
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.anyio
HEAD, BASE = "h" * 40, "b" * 40
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'claims.db'}" if request.param == "sqlite" else None
    url = url or request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url


@pytest.fixture
def workers(database: str) -> Iterator[list[sessionmaker[Session]]]:
    """Two workers' sessions: an engine (and pool) each, on the same database."""
    engines = [make_engine(database) for _ in range(2)]
    yield [make_sessionmaker(engine) for engine in engines]
    for engine in engines:
        engine.dispose()


def env(sessions: sessionmaker[Session], **kw: object) -> RunEnv:
    matcher = TableMatcher({("npm", "lodash", "4.17.15"): [finding()]})
    return RunEnv(sessions, matcher.loader, app_id=42, clock=lambda: NOW, **kw)  # type: ignore[arg-type]


def fake() -> FakeGitHub:
    return FakeGitHub(commits={HEAD: {"package-lock.json": npm_lock({"lodash": "4.17.15"})}, BASE: {}})


def request(job_id: int, *, automatic: bool = True) -> RunRequest:
    return RunRequest(7, "acme", "shop", HEAD, BASE, job_id=job_id, automatic=automatic)


async def race(github_fake: FakeGitHub, jobs: list[tuple[RunRequest, RunEnv]]) -> list[RunOutcome]:
    outcomes: list[RunOutcome] = []

    async def one(req: RunRequest, run_env: RunEnv) -> None:
        async with github() as gh:
            outcomes.append(await run_check_run(gh, req, run_env))

    with github_fake.client():
        async with anyio.create_task_group() as tg:
            for req, run_env in jobs:
                tg.start_soon(one, req, run_env)
    return outcomes


async def test_push_and_check_suite_for_one_head_at_once_file_one_run(
    workers: list[sessionmaker[Session]],
) -> None:
    github_fake = fake()
    outcomes = await race(github_fake, [(request(1), env(workers[0])), (request(2), env(workers[1]))])
    (run,) = github_fake.runs.values()
    assert run["status"] == "completed" and run["conclusion"] == "failure"
    assert sorted(o.skipped or "filed" for o in outcomes) == [
        "already checked against the same base",
        "filed",
    ]
    with workers[0]() as session:
        assert session.scalars(select(CheckRunRecord.status)).all() == ["completed"]
        assert session.scalars(select(FilingClaim)).all() == []  # released


async def test_a_rerun_files_its_own_run_without_waiting(workers: list[sessionmaker[Session]]) -> None:
    github_fake = fake()
    outcomes = await race(
        github_fake, [(request(1), env(workers[0])), (request(2, automatic=False), env(workers[1]))]
    )
    assert [o.skipped for o in outcomes] == [None, None]
    assert sorted(r["status"] for r in github_fake.runs.values()) == ["completed", "completed"]


async def test_a_live_claim_makes_the_job_retry_later(workers: list[sessionmaker[Session]]) -> None:
    with workers[0]() as session, session.begin():
        assert claim_filing(session, 7, HEAD, CHECK_NAME, "job:99", now=NOW, until=NOW + timedelta(minutes=1))
    github_fake = fake()
    with github_fake.client(), pytest.raises(FilingBusy):
        async with github() as gh:
            await run_check_run(gh, request(1), env(workers[1], claim_wait=0.3))
    assert github_fake.runs == {}


async def test_a_dead_jobs_claim_lapses(workers: list[sessionmaker[Session]]) -> None:
    with workers[0]() as session, session.begin():
        assert claim_filing(session, 7, HEAD, CHECK_NAME, "job:99", now=NOW, until=NOW - timedelta(seconds=1))
    github_fake = fake()
    (outcome,) = await race(github_fake, [(request(1), env(workers[1], claim_wait=0.3))])
    assert outcome.conclusion == "failure" and len(github_fake.runs) == 1


async def test_a_retried_job_takes_its_own_claim_back(workers: list[sessionmaker[Session]]) -> None:
    with workers[0]() as session, session.begin():
        assert claim_filing(session, 7, HEAD, CHECK_NAME, "job:1", now=NOW, until=NOW + timedelta(minutes=5))
        assert not claim_filing(
            session, 7, HEAD, CHECK_NAME, "job:2", now=NOW, until=NOW + timedelta(minutes=5)
        )
        assert claim_filing(session, 7, HEAD, CHECK_NAME, "job:1", now=NOW, until=NOW + timedelta(minutes=5))


async def test_a_retried_job_skipped_as_superseded_frees_its_dead_attempts_claim(
    workers: list[sessionmaker[Session]],
) -> None:
    with workers[0]() as session, session.begin():
        assert claim_filing(session, 7, HEAD, CHECK_NAME, "job:1", now=NOW, until=NOW + timedelta(minutes=5))
        record_pull_head(session, 7, 3, "n" * 40, NOW)
    github_fake = fake()
    superseded = RunRequest(
        7, "acme", "shop", HEAD, BASE, pull_number=3, job_id=1, automatic=True, retry=True
    )
    (outcome,) = await race(github_fake, [(superseded, env(workers[1]))])
    assert outcome.skipped == f"superseded by {'n' * 40}"
    with workers[1]() as session:
        assert session.scalars(select(FilingClaim)).all() == []
    (other,) = await race(github_fake, [(request(2), env(workers[1], claim_wait=0.3))])
    assert other.conclusion == "failure"
