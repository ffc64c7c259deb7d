"""The pull request in dry run: the same plan, every write recorded (and logged) instead of sent, and
nothing stored about writes that were not made, so switching dry run off writes normally."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import respx
from githubkit import GitHub
from sqlalchemy.orm import Session

import checks
from app.actions.pull_request import ensure_security_pr
from app.github.dry_run import IntendedWrites
from app.store.models import HygienePullRequest, Repository
from tests.app.actions.test_pull_request import POLICY, README, World, gh, session  # noqa: F401
from tests.checks.snapshots import context

pytestmark = pytest.mark.anyio


async def dry_run(world: World, gh: GitHub[Any], session: Session) -> tuple[str, list[str]]:  # noqa: F811
    snap = world.snapshot()
    results = checks.run_all(snap, context(), ["security-policy", "security-badge"])
    repo = session.get(Repository, 10)
    assert repo is not None
    intended = IntendedWrites("acme/widget")
    outcome = await ensure_security_pr(gh, session, repo, snap, results, context().config, intended=intended)
    return outcome, intended.writes


async def test_dry_run_sends_no_write_and_then_a_real_run_opens_the_pull_request(
    gh: GitHub[Any],  # noqa: F811
    session: Session,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        with caplog.at_level(logging.INFO, logger="app.github.dry_run"):
            outcome, writes = await dry_run(world, gh, session)
        assert world.fake.writes() == [] and world.fake.prs == []
        assert outcome == "opened #0"
        assert writes[0].startswith("would create branch 'repo-hygiene/security-policy'")
        assert writes[1] == "would commit README.md, SECURITY.md to branch 'repo-hygiene/security-policy'"
        assert writes[2].startswith(
            "would open pull request 'Add a security policy (SECURITY.md) and link the security policy"
        )
        assert "dry run: acme/widget: would open pull request" in caplog.text
        assert session.get(HygienePullRequest, 10) is None  # no state from a write not made

        assert await world.run(gh, session) == "opened #1"  # dry run off: the writes happen
        assert len(world.fake.prs) == 1


async def test_dry_run_records_the_close_of_a_pull_request_it_no_longer_needs(
    gh: GitHub[Any],  # noqa: F811
    session: Session,  # noqa: F811
) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        world.merge_into_main({"SECURITY.md": POLICY, "README.md": README + b"\n[Security](SECURITY.md)\n"})
        before = len(world.fake.writes())
        outcome, writes = await dry_run(world, gh, session)
        assert len(world.fake.writes()) == before and world.fake.prs[0]["state"] == "open"
        assert outcome == "closed #1: fixed another way"
        assert writes == [
            "would comment on pull request #1",
            "would close pull request #1",
            "would delete branch 'repo-hygiene/security-policy'",
        ]
        row = session.get(HygienePullRequest, 10)
        assert row is not None and row.state == "open"  # the real PR is still open: nothing stale


async def test_dry_run_over_a_current_pull_request_would_write_nothing(
    gh: GitHub[Any],  # noqa: F811
    session: Session,  # noqa: F811
) -> None:
    world = World({"README.md": README})
    with respx.mock(assert_all_mocked=True) as router:
        world.fake.mount(router)
        assert await world.run(gh, session) == "opened #1"
        before = len(world.fake.writes())
        outcome, writes = await dry_run(world, gh, session)
        assert (outcome, writes) == ("updated #1", [])  # the branch and the PR are already as planned
        assert len(world.fake.writes()) == before
