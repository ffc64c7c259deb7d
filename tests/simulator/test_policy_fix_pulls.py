"""End to end against the GitHub simulator: a repository whose security policy is broken gets one pull
request with a minimal edit of that file, its body naming each problem's line and the change; a
maintainer who closes it is never asked again for the same problems, while a different later problem
is. One test per kind of broken policy: the dead HackerOne program, the dead email address, template
placeholders, and GitHub's unedited template. The app's real GitHub client, snapshot reader, checks and
pull-request writer talk to the simulator over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.orm import Session

import checks
from app.actions.plan import BRANCH
from app.actions.pull_request import ensure_security_pr
from app.github.client import GitHubApp
from app.github.writers import RepoGitHub
from app.settings import Settings
from app.snapshot import fetch_snapshot
from app.store.base import Base, make_engine, make_sessionmaker
from app.store.models import HygienePullRequest, Installation, Repository
from checks.config import CONFIG_NEEDS, config_from_snapshot
from simulator.testing import SimulatorServer, generate_app_keypair
from tests.checks.snapshots import context
from tests.checks.test_policy_fix import GITHUB_TEMPLATE

pytestmark = [pytest.mark.e2e]

PVR = "https://github.com/acme/widget/security/advisories/new"
TIMES = "Only the latest release gets security fixes. We reply within 3 days and disclose within 90 days.\n"
CONTACT_CONFIG = "security_policy:\n  contact_email: security@acme.dev\n"


@dataclass
class Sim:
    sim: SimulatorServer
    app: GitHubApp
    installation: int
    session: Session

    async def scan(self) -> str:
        async with self.app.installation(self.installation) as gh:
            snapshot = await fetch_snapshot(gh, "acme", "widget", needs=(*checks.all_needs(), *CONFIG_NEEDS))
            config, _ = config_from_snapshot(snapshot)
            results = checks.run_all(snapshot, context(config))
            repo = self.session.get(Repository, 1)
            assert repo is not None
            return await ensure_security_pr(gh, self.session, repo, snapshot, results, config)

    async def branch_file(self, path: str) -> str:
        async with self.app.installation(self.installation) as gh:
            content = await RepoGitHub.for_repo(gh, "acme", "widget").reader.file(path, BRANCH)
        assert content is not None
        return content.decode("utf-8")

    def pulls(self) -> list[dict[str, Any]]:
        return list(self.sim.control.repo("acme", "widget")["pulls"])

    def default_files(self) -> dict[str, str]:
        return dict(self.sim.control.repo("acme", "widget")["files"])


def _world(files: dict[str, str]) -> Iterator[Sim]:
    private, public = generate_app_keypair()
    with SimulatorServer() as sim:
        sim.control.set_webhooks(enabled=False)
        sim.control.register_app(id=77, slug="repo-hygiene", public_key_pem=public, webhook_secret="s")
        sim.control.create_org("acme")
        sim.control.create_repo("acme", "widget", files=files)
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
            yield Sim(sim, app, installation, session)
        engine.dispose()


async def _declined_for_good(world: Sim, number: int) -> None:
    """The maintainer closes the PR; later scans neither reopen it nor open another."""
    world.sim.control.close_pull("acme", "widget", number, by="maintainer")
    for _ in range(2):
        outcome = await world.scan()
        assert outcome == f"no action: a maintainer closed #{number} without merging; not asking again"
    assert [(p["number"], p["state"]) for p in world.pulls()][-1] == (number, "closed")
    row = world.session.get(HygienePullRequest, 1)
    assert row is not None and (row.number, row.state) == (number, "declined")


HACKERONE = (
    "# Security Policy\n\n" + TIMES + "\n## Reporting a Vulnerability\n\n"
    "**Please don't disclose security-related issues publicly.**\n\n"
    "Report the security issue to the Node.js Security Working Group through the "
    "[HackerOne program](https://hackerone.com/nodejs-ecosystem) for ecosystem modules on npm.\n"
)


@pytest.fixture
def hackerone() -> Iterator[Sim]:
    yield from _world({"README.md": "# widget\n\nText.\n", "SECURITY.md": HACKERONE})


@pytest.mark.anyio
async def test_dead_hackerone_program_is_replaced_and_the_badge_comes_with_the_fix(hackerone: Sim) -> None:
    world = hackerone
    assert await world.scan() == "opened #1"
    [pr] = world.pulls()
    assert (
        pr["title"]
        == "Fix the security policy's reporting channel and link the security policy from the README"
    )
    assert (
        "- line 9: names the Node.js ecosystem HackerOne program (closed 2021) "
        "(`hackerone.com/nodejs-ecosystem`); the paragraph now sends reporters to GitHub private "
        "vulnerability reporting" in pr["body"]
    )
    policy = await world.branch_file("SECURITY.md")
    lines = HACKERONE.split("\n")
    assert policy.split("\n") == [
        *lines[:8],
        "Please report vulnerabilities privately through GitHub private vulnerability reporting: "
        f"[Report a vulnerability]({PVR}).",
        "",
    ]
    assert "](SECURITY.md)" in await world.branch_file("README.md")
    assert await world.scan() == "updated #1" and len(world.pulls()) == 1
    await _declined_for_good(world, 1)


DEAD_EMAIL = (
    "# Security\n\n" + TIMES + "\nPlease report vulnerabilities privately by emailing "
    "security-ecosystem@nodejs.org.\n"
)


@pytest.fixture
def dead_email() -> Iterator[Sim]:
    yield from _world({"SECURITY.md": DEAD_EMAIL, ".github/repo-hygiene.yml": CONTACT_CONFIG})


@pytest.mark.anyio
async def test_dead_email_is_swapped_for_the_configured_contact_and_a_later_new_problem_is_asked(
    dead_email: Sim,
) -> None:
    world = dead_email
    assert await world.scan() == "opened #1"
    [pr] = world.pulls()
    assert pr["title"] == "Fix the security policy's reporting channel"
    assert (
        "- line 5: names security-ecosystem@nodejs.org (closed 2022); the address is now security@acme.dev"
        in pr["body"]
    )
    assert await world.branch_file("SECURITY.md") == DEAD_EMAIL.replace(
        "security-ecosystem@nodejs.org", "security@acme.dev"
    )
    await _declined_for_good(world, 1)
    # a different problem later (a placeholder added): asked once, with only the new problem fixed
    changed = DEAD_EMAIL + "\nFor encrypted reports, email [INSERT EMAIL ADDRESS].\n"
    world.sim.control.push("acme", "widget", {"SECURITY.md": changed})
    assert await world.scan() == "opened #2"
    second = world.pulls()[-1]
    assert second["title"] == "Fix the security policy's reporting channel and placeholders"
    assert (
        "- line 7: unfilled placeholder `[INSERT EMAIL ADDRESS]`; filled with security@acme.dev"
        in second["body"]
    )
    assert world.pulls()[0]["state"] == "closed"
    await _declined_for_good(world, 2)


PLACEHOLDERS = (
    "# Security Policy\n\n" + TIMES + "\n## Reporting\n\n"
    "Please report vulnerabilities privately at [INSERT CONTACT METHOD]. Do not open a public issue.\n"
)


@pytest.fixture
def placeholders() -> Iterator[Sim]:
    yield from _world({"SECURITY.md": PLACEHOLDERS})


@pytest.mark.anyio
async def test_placeholders_are_filled_from_the_configuration(placeholders: Sim) -> None:
    world = placeholders
    assert await world.scan() == "opened #1"
    [pr] = world.pulls()
    assert pr["title"] == "Fix the security policy's placeholders"
    assert (
        "- line 7: unfilled placeholder `[INSERT CONTACT METHOD]`; filled with GitHub private "
        "vulnerability reporting" in pr["body"]
    )
    assert await world.branch_file("SECURITY.md") == PLACEHOLDERS.replace(
        "[INSERT CONTACT METHOD]", f"[Report a vulnerability]({PVR})"
    )
    await _declined_for_good(world, 1)


@pytest.fixture
def template() -> Iterator[Sim]:
    badge = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
    yield from _world(
        {
            "README.md": f"# widget\n\n{badge}\n",
            "SECURITY.md": GITHUB_TEMPLATE,
            ".github/repo-hygiene.yml": CONTACT_CONFIG,
        }
    )


@pytest.mark.anyio
async def test_githubs_unedited_template_gets_rendered_sections(template: Sim) -> None:
    world = template
    assert await world.scan() == "opened #1"
    [pr] = world.pulls()
    assert pr["title"] == "Fix the security policy's template text"
    assert (
        "- line 5: GitHub's unedited template text under `Supported Versions` (lines 5, 10); replaced by "
        "a statement of the supported versions" in pr["body"]
    )
    assert (
        "- line 17: GitHub's unedited template text under `Reporting a Vulnerability` (lines 17, 19)"
        in pr["body"]
    )
    policy = await world.branch_file("SECURITY.md")
    assert policy.startswith("# Security Policy\n\n## Supported Versions\n\nSecurity fixes are made for")
    assert "Use this section" not in policy and "5.1.x" not in policy
    assert f"[Report a vulnerability]({PVR})" in policy and "security@acme.dev" in policy
    assert "## What to Expect" in policy
    # the policy on the default branch is untouched until the maintainer merges
    assert world.default_files()["SECURITY.md"] == GITHUB_TEMPLATE
    await _declined_for_good(world, 1)


@pytest.fixture
def opted_out() -> Iterator[Sim]:
    config = "checks:\n  security-policy:\n    fix: false\n"
    yield from _world({"SECURITY.md": HACKERONE, ".github/repo-hygiene.yml": config})


@pytest.mark.anyio
async def test_the_fix_is_opt_out(opted_out: Sim) -> None:
    assert await opted_out.scan() == "no action: nothing this app can add"
    refs = opted_out.sim.control.repo("acme", "widget")["refs"]
    assert opted_out.pulls() == [] and "refs/heads/main" in refs and f"refs/heads/{BRANCH}" not in refs
