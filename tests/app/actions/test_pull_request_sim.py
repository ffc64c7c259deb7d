"""ensure_security_pr against the local GitHub simulator over loopback HTTP (real githubkit client,
real installation tokens). Skipped where the simulator (branch `sim`) or the GitHub client (branch
`core`) is not part of the tree yet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("simulator.testing", reason="needs the GitHub simulator (simulator/)")
pytest.importorskip("app.github.client", reason="needs the GitHub client (app/github)")

from sqlalchemy.orm import Session

import checks
from app.actions.pull_request import ensure_security_pr
from app.github.client import GitHubApp
from app.settings import Settings
from app.snapshot import fetch_snapshot
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.models import HygienePullRequest, Installation, Repository
from checks.config import CONFIG_NEEDS, config_from_snapshot
from simulator.testing import SimulatorServer, generate_app_keypair
from tests.checks.snapshots import context

pytestmark = [pytest.mark.e2e]
POLICY = "Supported versions: latest. Email sec@acme.dev privately; reply within 2 days; disclose in 90 days."


@pytest.fixture
def world() -> Iterator[tuple[SimulatorServer, GitHubApp, int, Session]]:
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        sim.control.set_webhooks(enabled=False)
        sim.control.register_app(id=77, slug="repo-hygiene", public_key_pem=public, webhook_secret="s")
        sim.control.create_org("acme")
        sim.control.create_repo("acme", "widget", files={"README.md": "# widget\n\nText.\n"})
        installation = sim.control.install("acme")
        engine = make_engine("sqlite://")
        Base.metadata.create_all(engine)
        with make_sessionmaker(engine)() as session:
            session.add(
                Installation(id=installation, account_login="acme", account_id=1, account_type="Organization")
            )
            session.add(Repository(id=1, installation_id=installation, owner="acme", name="widget"))
            session.commit()
            app = GitHubApp(Settings(app_id=77, private_key=private, github_api_url=sim.base_url))
            yield sim, app, installation, session
        engine.dispose()


async def _scan(app: GitHubApp, installation: int, session: Session) -> str:
    async with app.installation(installation) as gh:
        snapshot = await fetch_snapshot(gh, "acme", "widget", needs=(*checks.all_needs(), *CONFIG_NEEDS))
        config, _ = config_from_snapshot(snapshot)
        results = checks.run_all(snapshot, context(config))
        repo = session.get(Repository, 1)
        assert repo is not None
        return await ensure_security_pr(gh, session, repo, snapshot, results, config)


@pytest.mark.anyio
async def test_open_rerun_decline_against_the_simulator(world: Any) -> None:
    sim, app, installation, session = world
    assert await _scan(app, installation, session) == "opened #1"
    assert await _scan(app, installation, session) == "updated #1"
    assert len(sim.control.repo("acme", "widget")["pulls"]) == 1
    sim.control.close_pull("acme", "widget", 1, by="maintainer")
    outcome = await _scan(app, installation, session)
    assert outcome == "no action: a maintainer closed #1 without merging; not asking again"
    row = session.get(HygienePullRequest, 1)
    assert row is not None and row.state == "declined"
    # POST /graphql is allowed to be unsupported: the writer then commits with the git data API
    assert [u for u in sim.control.unsupported() if u["path"] != "/graphql"] == []


@pytest.mark.anyio
async def test_self_close_against_the_simulator(world: Any) -> None:
    sim, app, installation, session = world
    assert await _scan(app, installation, session) == "opened #1"
    badge = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
    sim.control.push("acme", "widget", {"SECURITY.md": POLICY, "README.md": f"# widget\n\n{badge}\n"})
    assert await _scan(app, installation, session) == "closed #1: fixed another way"
    assert await _scan(app, installation, session) == "no action: compliant"
    row = session.get(HygienePullRequest, 1)
    assert row is not None and row.state == "closed_by_app"
