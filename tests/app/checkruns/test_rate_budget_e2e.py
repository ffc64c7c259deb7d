"""End to end under a tight GitHub rate budget: the first scan of a large installation stops at the
reserve instead of running into the limit (the scans left over wait for the budget's reset, no request
is refused), and a pull request opened meanwhile is checked within seconds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.store.base import utcnow
from app.store.budgets import DatabaseBudgetRows
from app.store.models import Job, Repository
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.e2e_harness import World, start_world, wait_until

pytestmark = pytest.mark.e2e

REPOS = 60
LIMIT = 50  # requests per hour for the installation; the first (bulk) scan needs more than its 80 %
POLICY = "# Security policy\n\nReport privately to sec@acme.dev; we answer within 2 days.\n"
BADGE = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
LOCK = npm_lock({"express": "4.17.1"}).decode()
DEEP_FILE = "docs/a/b/c/d/notes.md"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = start_world(tmp_path, worker_concurrency=3, scans_per_installation=2, write_interval_ms=200)
    try:
        w.add_advisories()
        w.control.create_org("acme")
        w.control.create_user("alice", orgs={"acme": "admin"})
        files = {
            "README.md": f"# r\n\n{BADGE}\n",
            "SECURITY.md": POLICY,
            "package-lock.json": LOCK,
            DEEP_FILE: "x\n",  # too deep for the GraphQL tree listing: each tree is a REST read
        }
        for n in range(REPOS):
            w.control.create_repo("acme", f"r{n:02}", files=files)
        yield w
    finally:
        w.app.stop()
        w.sim.stop()


def scans(world: World, state: str, *, due: bool | None = None) -> int:
    query = select(func.count()).select_from(Job).where(Job.kind == "scan_repository", Job.state == state)
    if due is not None:
        query = query.where((Job.run_after <= utcnow()) if due else (Job.run_after > utcnow()))
    with world.services.sessions() as session:
        return int(session.scalar(query) or 0)


def scanned(world: World) -> int:
    query = select(func.count()).select_from(Repository).where(Repository.last_scanned_at.is_not(None))
    with world.services.sessions() as session:
        return int(session.scalar(query) or 0)


def paused(world: World) -> bool:
    return (
        scans(world, "running") == 0 and scans(world, "queued", due=True) == 0 and scans(world, "queued") > 0
    )


def test_first_scan_keeps_the_reserve_and_a_pull_request_is_checked_meanwhile(world: World) -> None:
    installation = world.control.install("acme", budget_limit=LIMIT)
    wait_until(lambda: scanned(world) >= 5, 60, "the first scans")

    head = str(world.control.push("acme", "r00", {"package-lock.json": LOCK, "x.md": "x\n"}, branch="feat"))
    opened = time.monotonic()
    world.open_pull("acme", "r00", "feat")
    run = world.completed_run(head, timeout=30)
    checked_in = time.monotonic() - opened
    assert run.conclusion in ("success", "neutral")
    assert checked_in < 20, f"the pull request waited {checked_in:.1f} s behind the scans"

    # the scans stop at the reserve: some wait for the reset, none was refused by GitHub
    wait_until(lambda: paused(world) and paused(world), 90, "scans to pause")
    reading = DatabaseBudgetRows(world.services.sessions).read(installation)
    assert reading is not None and reading.limit == LIMIT
    assert 0 < reading.remaining < LIMIT * 20 // 100 + 10  # the reserve is left to interactive work
    with world.services.sessions() as session:
        waiting = session.scalars(
            select(Job).where(Job.kind == "scan_repository", Job.state == "queued")
        ).all()
        assert all(abs((j.run_after - reading.reset_at).total_seconds()) < 2 for j in waiting)

    refused = [e for _, e in world.job_errors() if e and e.startswith("rate limited")]
    assert refused == []
    assert 5 <= scanned(world) < REPOS  # the bulk scan stopped between repositories, the rest wait
