"""The whole scan job (snapshot, checks, the real pull request action) against the GitHub simulator over
loopback HTTP, with GitHub answering 404 / 409 / 422 / 5xx / rate limits on the pull request path.
Each answer ends in a recorded outcome or a retried attempt, never a lost job or a second PR."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.github.client import GitHubApp
from app.github.retry import RetryPolicy
from app.jobs import queue
from app.jobs.context import Services
from app.main import build_services
from app.settings import Settings
from app.store.base import utcnow
from app.store.models import HygienePullRequest, Job
from app.store.sync import upsert_installation, upsert_repository
from app.tables import Base
from simulator.testing import SimulatorServer, generate_app_keypair
from tests.app.core.helpers import run_jobs

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]
PULLS = "/repos/acme/widgets/pulls"
REFS = "/repos/acme/widgets/git/refs"


@dataclass
class World:
    sim: SimulatorServer
    services: Services
    repo_id: int

    def job(self) -> Job:
        with self.services.sessions() as session:
            job = session.scalars(select(Job).order_by(Job.id.desc())).first()
            assert job is not None
            return job

    def pulls(self) -> list[dict[str, object]]:
        return list(self.sim.control.repo("acme", "widgets")["pulls"])

    def make_due(self) -> None:
        with self.services.sessions() as session, session.begin():
            session.execute(update(Job).where(Job.state == "queued").values(run_after=utcnow()))

    def tracked_state(self) -> str | None:
        with self.services.sessions() as session:
            row = session.get(HygienePullRequest, self.repo_id)
            return row.state if row else None


@pytest.fixture
def world(tmp_path: object) -> Iterator[World]:
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        control = sim.control
        control.set_webhooks(enabled=False)
        control.register_app(id=77, slug="repo-hygiene", public_key_pem=public, webhook_secret="s")
        control.create_org("acme")
        control.create_repo("acme", "widgets", files={"README.md": "# widgets\n\nText.\n"})
        inst_id = control.install("acme")
        repo_id = int(control.repo("acme", "widgets")["id"])
        settings = Settings(
            app_id=77,
            private_key=private,
            webhook_secret="s",
            github_api_url=sim.base_url,
            write_interval_ms=0,  # no pacing of writes against the simulator
            database_url=f"sqlite:///{tmp_path}/pr.db",
        )
        services = build_services(settings)
        services.github = GitHubApp(
            settings, retry_policy=lambda cache: RetryPolicy(cache=cache, server_base_delay=0.01)
        )
        engine = services.sessions.kw["bind"]
        Base.metadata.create_all(engine)
        with services.sessions() as session, session.begin():
            upsert_installation(session, {"id": inst_id, "account": {"login": "acme", "id": 1}})
            upsert_repository(
                session, inst_id, {"id": repo_id, "name": "widgets", "full_name": "acme/widgets"}
            )
            queue.enqueue(session, "scan_repository", {"repository_id": repo_id}, installation_id=inst_id)
        yield World(sim, services, repo_id)
        engine.dispose()


async def test_5xx_on_opening_the_pr_fails_the_attempt_then_converges_to_one_pr(world: World) -> None:
    world.sim.control.add_fault("server_error", PULLS, method="POST", count=4)  # outlasts in-place retries
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.attempts, job.last_error) == ("queued", 1, "ServerError: 502 Server Error")
    assert job.run_after > utcnow() and world.pulls() == []  # backoff, no PR yet
    assert "refs/heads/repo-hygiene/security-policy" in world.sim.control.repo("acme", "widgets")["refs"]
    world.make_due()
    await run_jobs(world.services)
    assert world.job().state == "done" and len(world.pulls()) == 1 and world.tracked_state() == "open"


async def test_422_on_opening_the_pr_fails_the_attempt_with_the_reason_then_converges(world: World) -> None:
    world.sim.control.add_fault("unprocessable", PULLS, method="POST", count=1)
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.attempts) == ("queued", 1) and "422 Validation Failed" in (job.last_error or "")
    world.make_due()
    await run_jobs(world.services)
    assert world.job().state == "done" and len(world.pulls()) == 1


async def test_404_on_creating_the_branch_fails_the_attempt_then_converges(world: World) -> None:
    world.sim.control.add_fault("server_error", REFS, method="POST", count=1, status=404)
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.attempts) == ("queued", 1) and (job.last_error or "").startswith("NotFound: 404")
    world.make_due()
    await run_jobs(world.services)
    assert world.job().state == "done" and len(world.pulls()) == 1


async def test_409_empty_repository_on_the_write_path_is_a_recorded_outcome(world: World) -> None:
    world.sim.control.add_fault("empty_repo", REFS, method="POST")
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.last_error) == ("done", None) and world.pulls() == []


async def test_primary_rate_limit_on_the_pr_reschedules_without_spending_an_attempt(world: World) -> None:
    world.sim.control.add_fault("primary", PULLS, method="POST", count=1)
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.attempts) == ("queued", 0) and (job.last_error or "").startswith("rate limited")
    assert utcnow() + timedelta(seconds=30) < job.run_after < utcnow() + timedelta(minutes=2)
    world.make_due()
    await run_jobs(world.services)
    assert world.job().state == "done" and len(world.pulls()) == 1


async def test_secondary_rate_limit_with_retry_after_is_waited_out_in_place(world: World) -> None:
    world.sim.control.add_fault("secondary", PULLS, method="POST", count=1)
    await run_jobs(world.services)
    job = world.job()
    assert (job.state, job.attempts, job.last_error) == ("done", 1, None) and len(world.pulls()) == 1
