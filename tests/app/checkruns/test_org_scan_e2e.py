"""End to end at an organisation's scale: the simulator enforces 5,000 requests an hour on an
installation of 5,000 repositories. The first scan completes without one rate-limited response, at
the number of calls asserted here, and a pull request opened during that scan gets its completed check
run within seconds.

The repositories are tiny (three small files). 5,000 of them take 140 to 165 s on a shared 2-core
machine, too long for the normal suite: it scans `DEFAULT_REPOS` (about 25 s), and
`REPO_HYGIENE_ORG_REPOS=5000` runs it at full scale. The budget is 5,000 either way.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.metrics import GITHUB_CALLS
from app.store.models import Job, Repository
from simulator.world import create_repo
from tests.app.checkruns.conftest import npm_lock
from tests.app.checkruns.e2e_harness import World, start_world, wait_until

# no_cover: checks/ is covered by its own tests; tracing it through a whole org's scan doubled
# this test's time (32 s to 65 s) in the coverage run of scripts/test.
pytestmark = [pytest.mark.e2e, pytest.mark.no_cover]

DEFAULT_REPOS = 1000
REPOS = int(os.environ.get("REPO_HYGIENE_ORG_REPOS", DEFAULT_REPOS))
LIMIT = 5000  # requests per hour, as GitHub grants an installation before its per-repository extra
POLICY = "# Security policy\n\nReport privately to sec@acme.dev; we answer within 2 days.\n"
BADGE = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
LOCK = npm_lock({"express": "4.17.1"}).decode()
FILES = {"README.md": f"# r\n\n{BADGE}\n", "SECURITY.md": POLICY, "package-lock.json": LOCK}
GRAPHQL = "POST /graphql"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = start_world(tmp_path, worker_concurrency=3, scans_per_installation=2, write_interval_ms=200)
    try:
        w.add_advisories()
        w.control.create_org("acme")
        w.control.create_user("alice", orgs={"acme": "admin"})
        with w.sim.state.lock:  # in process: 5,000 control calls would take longer than the scan
            for n in range(REPOS):
                create_repo(w.sim.state, {"owner": "acme", "name": f"r{n:04}", "files": FILES})
        yield w
    finally:
        w.app.stop()
        w.sim.stop()


def count(world: World, query: object) -> int:
    with world.services.sessions() as session:
        return int(session.scalar(query) or 0)  # type: ignore[call-overload]


def scans_left(world: World) -> int:
    busy = Job.kind == "scan_repository", Job.state.in_(("queued", "running"))
    return count(world, select(func.count()).select_from(Job).where(*busy))


def scanned(world: World) -> int:
    done = Repository.last_scanned_at.is_not(None)
    return count(world, select(func.count()).select_from(Repository).where(done))


def refused_by_github() -> float:
    """Every 4xx answer of this process so far (a rate-limited answer is a 403 or 429)."""
    return sum(
        sample.value
        for metric in GITHUB_CALLS.collect()
        for sample in metric.samples
        if sample.name.endswith("_total") and sample.labels.get("status") == "4xx"
    )


def test_the_first_scan_of_a_large_org_fits_the_budget_and_a_pull_request_is_checked_meanwhile(
    world: World,
) -> None:
    refused_before = refused_by_github()
    started = time.monotonic()
    installation = world.control.install("acme")
    world.control.set_budget(installation, LIMIT, reset_used=True)
    wait_until(lambda: scanned(world) >= min(REPOS // 10, 200), 60, "the first scans")

    head = str(world.control.push("acme", "r0000", {"package-lock.json": LOCK, "x.md": "x\n"}, branch="feat"))
    opened = time.monotonic()
    world.open_pull("acme", "r0000", "feat")
    run = world.completed_run(head, timeout=30)
    checked_in = time.monotonic() - opened
    assert scanned(world) < REPOS, "the pull request was not opened during the scan"
    assert run.conclusion in ("success", "neutral")
    assert checked_in < 10, f"the pull request waited {checked_in:.1f} s behind the scans"

    wait_until(lambda: scans_left(world) == 0 and scans_left(world) == 0, REPOS / 10, "the first scan")
    took = time.monotonic() - started
    assert scanned(world) == REPOS
    assert refused_by_github() == refused_before  # not one rate-limited (or other refused) answer
    assert [e for _, e in world.job_errors() if e] == []

    calls = {
        c["endpoint"]: c["count"]
        for c in world.control.calls()["detail"]
        if c["installation_id"] == installation
    }
    graphql = calls.pop(GRAPHQL)
    # a bulk job that starts before any response told the budget asks GET /rate_limit, which is free
    assert calls.pop("GET /rate_limit", 0) <= REPOS // 100
    print(f"{REPOS} repositories scanned in {took:.1f} s: REST {calls}, {graphql} GraphQL queries")
    # the scans sent no REST request at all: these are the pull request's check run (head and base)
    assert calls == {
        "GET /repos/{owner}/{repo}/git/trees/{sha:path}": 3,
        "POST /repos/{owner}/{repo}/check-runs": 1,
        "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    }
    # per hundred repositories (one bulk job): 2 metadata, 4 tree and 2 or 3 blob queries
    assert graphql <= REPOS // 100 * 9 + 5
