"""End to end: the app under uvicorn on loopback, the GitHub simulator delivering signed webhooks.

Installing the app on an organisation ends with exactly one pull request per non-compliant
repository and none for compliant, empty or archived ones - also when every delivery is
redelivered and duplicated, and when a worker dies in the middle of a scan (after
its branch exists, before its pull request does).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from sqlalchemy import or_, select

from app.jobs.context import Services
from app.jobs.scans import scanned_repository_ids
from app.main import build_services, create_app
from app.settings import Settings
from app.store.base import utcnow
from app.store.migrate import upgrade
from app.store.models import CheckResultRow, Delivery, HygienePullRequest, Job, Repository
from app.worker import Worker
from simulator.testing import SimControl, SimulatorServer, free_port, generate_app_keypair
from tests.advisory_data import record_fresh_sync

pytestmark = [pytest.mark.e2e]

SECRET = "e2e-webhook-secret"
POLICY = (
    "# Security policy\n\nSupported versions: latest. Report privately to sec@acme.dev; we acknowledge "
    "within 2 days and disclose within 90 days.\n"
)
BADGE = "[![Security Policy](https://img.shields.io/badge/Security-Policy-yellow)](SECURITY.md)"
NON_COMPLIANT = {"acme/widgets", "acme/gadgets", "acme/half"}
BRANCH = "repo-hygiene/security-policy"
PR_DELAY = 4.0  # seconds the simulator holds the first "open a pull request" call for widgets


class RunningApp:
    """The app under uvicorn in a thread on a free loopback port."""

    def __init__(self, services: Services, *, run_worker: bool) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api/github/webhooks"
        app = create_app(services, run_worker=run_worker, worker_lease=timedelta(seconds=2), worker_poll=0.05)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningApp:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the app did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="module")
def keys() -> tuple[str, str]:
    return generate_app_keypair()


@pytest.fixture
def sim() -> Iterator[SimulatorServer]:
    with SimulatorServer() as server:
        # the pull request is written with GraphQL createCommitOnBranch; an older simulator lacks it
        probe = httpx.post(f"{server.base_url}/graphql", json={"query": "{ viewer { login } }"}, timeout=10)
        if probe.status_code == 404:
            pytest.skip("the GitHub simulator in this build has no /graphql endpoint (createCommitOnBranch)")
        yield server


@pytest.fixture
def services(sim: SimulatorServer, keys: tuple[str, str], tmp_path: Path) -> Iterator[Services]:
    settings = Settings(
        app_id=4242,
        private_key=keys[0],
        webhook_secret=SECRET,
        github_api_url=sim.base_url,
        write_interval_ms=0,  # no pacing of writes against the simulator
        database_url=f"sqlite:///{tmp_path / 'e2e.db'}",
        worker_concurrency=2,
    )
    upgrade(settings.database_url)  # the real migration, as `serve` does
    services = build_services(settings)
    with services.sessions() as session, session.begin():
        record_fresh_sync(session)  # the simulator serves no advisories to sync from
    yield services
    services.sessions.kw["bind"].dispose()


def seed(control: SimControl, public_key: str, webhook_url: str) -> None:
    control.register_app(
        id=4242,
        slug="repo-hygiene",
        public_key_pem=public_key,
        webhook_secret=SECRET,
        webhook_url=webhook_url,
    )
    control.create_org("acme", "Acme Corp")
    control.create_repo("acme", "widgets", files={"README.md": "# widgets\n", "src/app.py": "print(1)\n"})
    control.create_repo("acme", "gadgets", files={"docs/README.md": "# gadgets\n"})
    control.create_repo("acme", "half", files={"README.md": f"# half\n\n{BADGE}\n"})  # badge, no policy
    control.create_repo("acme", "good", files={"README.md": f"# good\n\n{BADGE}\n", "SECURITY.md": POLICY})
    control.create_repo("acme", "empty", empty=True)
    control.create_repo("acme", "old", archived=True, files={"README.md": "# old\n"})


def unfinished_jobs(services: Services) -> list[Job]:
    with services.sessions() as session:
        return list(
            session.scalars(
                select(Job).where(
                    or_(Job.state == "running", (Job.state == "queued") & (Job.run_after <= utcnow()))
                )
            )
        )


def settle(control: SimControl, services: Services, timeout: float = 60) -> None:
    """Wait until the simulator has delivered everything and no job is due or running, twice in a row."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        assert time.monotonic() < deadline, f"not settled: {unfinished_jobs(services)}"
        control.wait_for_webhooks(timeout=max(deadline - time.monotonic(), 1))
        if unfinished_jobs(services):
            quiet = 0
            time.sleep(0.1)
        else:
            quiet += 1
            time.sleep(0.3)


def pulls_by_repo(control: SimControl) -> dict[str, list[dict[str, Any]]]:
    names = ["widgets", "gadgets", "half", "good", "empty", "old"]
    return {f"acme/{n}": control.repo("acme", n)["pulls"] for n in names}


def assert_one_pr_per_non_compliant_repo(control: SimControl, services: Services) -> None:
    pulls = pulls_by_repo(control)
    for full_name, prs in pulls.items():
        expected = 1 if full_name in NON_COMPLIANT else 0
        assert len(prs) == expected, (full_name, prs)
        assert all(p["head"] == BRANCH and p["state"] == "open" for p in prs)
    with services.sessions() as session:
        leftover = session.scalars(select(Job).where(Job.state.in_(("failed", "queued", "running")))).all()
        assert [(j.kind, j.state, j.last_error) for j in leftover] == []
        tracked = {
            f"{r.owner}/{r.name}" for r in session.scalars(select(Repository).join(HygienePullRequest))
        }
        notes = {r.name: r.scan_note for r in session.scalars(select(Repository))}
    assert tracked == NON_COMPLIANT
    assert notes["empty"] == "skipped-empty" and notes["old"] == "skipped-archived"


def test_install_opens_one_pr_per_non_compliant_repo_even_with_redeliveries(
    sim: SimulatorServer, services: Services, keys: tuple[str, str]
) -> None:
    with RunningApp(services, run_worker=True) as app:
        control = sim.control
        seed(control, keys[1], app.url)
        control.install("acme")
        settle(control, services)
        assert_one_pr_per_non_compliant_repo(control, services)
        with services.sessions() as session:
            scans = session.scalars(select(Job).where(Job.kind == "scan_repository")).all()
            pushes = session.scalars(select(Delivery).where(Delivery.event == "push")).all()
        # the app's own branch pushes came back as webhooks and started no rescan (no loop)
        assert len(pushes) >= len(NON_COMPLIANT)
        assert [j.payload for j in scans if j.payload.get("reason") == "push"] == []

        deliveries = control.deliveries()
        assert deliveries
        for delivery in deliveries:
            control.redeliver(delivery["id"])
            control.redeliver(delivery["id"], duplicate=True)
        settle(control, services)
        assert_one_pr_per_non_compliant_repo(control, services)


@pytest.mark.anyio
async def test_worker_stopped_between_branch_and_pull_request_is_replaced_after_lease_expiry(
    sim: SimulatorServer, services: Services, keys: tuple[str, str]
) -> None:
    control = sim.control
    with RunningApp(services, run_worker=False) as app:
        seed(control, keys[1], app.url)
        # widgets' "open the pull request" call hangs once, so the first worker is caught after it has
        # created the branch and its commit but before any pull request exists
        pr_fault = control.add_fault(
            "timeout", "/repos/acme/widgets/pulls", method="POST", count=1, delay=PR_DELAY
        )
        control.install("acme")
        await anyio.to_thread.run_sync(control.wait_for_webhooks)

        doomed = Worker(
            services, worker_id="doomed", concurrency=1, lease=timedelta(seconds=1), poll_interval=0.05
        )
        with anyio.fail_after(30):
            async with anyio.create_task_group() as tg:
                tg.start_soon(doomed.run)
                while any(f.id == pr_fault for f in sim.state.faults):  # noqa: ASYNC110 (polls the simulator)
                    await anyio.sleep(0.02)
                tg.cancel_scope.cancel()  # the worker dies: no completion, no failure recorded
        killed_at = time.monotonic()

        widgets = control.repo("acme", "widgets")
        assert f"refs/heads/{BRANCH}" in widgets["refs"] and widgets["pulls"] == []
        with services.sessions() as session:
            stuck = session.scalars(select(Job).where(Job.state == "running")).all()
            assert session.get(HygienePullRequest, widgets["id"]) is None
        # the installation's first scan is one bulk job, caught while acting on widgets
        assert [(j.kind, j.locked_by) for j in stuck] == [("scan_repository", "doomed")]
        assert widgets["id"] in scanned_repository_ids(stuck[0].repository_id, stuck[0].payload)

        survivor = Worker(
            services, worker_id="survivor", concurrency=2, lease=timedelta(seconds=5), poll_interval=0.05
        )
        async with anyio.create_task_group() as tg:
            tg.start_soon(survivor.run)
            await anyio.to_thread.run_sync(lambda: settle(control, services))
            # the dead worker's request is still held by the simulator: let it land, then settle again
            await anyio.sleep(max(0.0, killed_at + PR_DELAY + 0.5 - time.monotonic()))
            await anyio.to_thread.run_sync(lambda: settle(control, services))
            survivor.stop()
        with services.sessions() as session:
            reclaimed = session.get(Job, stuck[0].id)
            assert reclaimed is not None and (reclaimed.state, reclaimed.locked_by) == ("done", "survivor")
        assert_one_pr_per_non_compliant_repo(control, services)
        widgets_after = control.repo("acme", "widgets")
        assert widgets_after["pulls"][0]["head_sha"] == widgets_after["refs"][f"refs/heads/{BRANCH}"]


def scan_running_for(services: Services, name: str, worker: str) -> bool:
    with services.sessions() as session:
        repo = session.scalars(select(Repository).where(Repository.name == name)).first()
        if repo is None:
            return False
        return (
            session.scalars(
                select(Job).where(
                    Job.kind == "scan_repository",
                    Job.repository_id == repo.id,
                    Job.state == "running",
                    Job.locked_by == worker,
                )
            ).first()
            is not None
        )


def test_declined_pr_is_remembered_and_merged_pr_leaves_the_repo_compliant(
    sim: SimulatorServer, services: Services, keys: tuple[str, str]
) -> None:
    with RunningApp(services, run_worker=True) as app:
        control = sim.control
        seed(control, keys[1], app.url)
        control.install("acme")
        settle(control, services)
        widgets = control.repo("acme", "widgets")["pulls"][0]["number"]
        gadgets = control.repo("acme", "gadgets")["pulls"][0]["number"]

        control.close_pull("acme", "widgets", widgets, by="alice")  # a maintainer says no
        control.merge_pull("acme", "gadgets", gadgets, by="alice")  # the merge pushes to main
        settle(control, services)
        control.push("acme", "widgets", {"src/more.py": "print(2)\n"}, message="unrelated work")
        settle(control, services)

        assert [p["state"] for p in control.repo("acme", "widgets")["pulls"]] == ["closed"]
        assert [(p["state"], p["merged"]) for p in control.repo("acme", "gadgets")["pulls"]] == [
            ("closed", True)
        ]
        with services.sessions() as session:
            states = {
                name: state
                for name, state in session.execute(
                    select(Repository.name, HygienePullRequest.state).join(
                        HygienePullRequest, HygienePullRequest.repository_id == Repository.id
                    )
                )
            }
            rescans = session.scalars(select(Job).where(Job.kind == "scan_repository")).all()
            results = {
                (r.repository_id, r.check_id): r.status for r in session.scalars(select(CheckResultRow))
            }
        assert states["widgets"] == "declined" and states["gadgets"] == "merged"
        # both pushes to main were rescanned; the merged policy now passes
        gadgets_id = control.repo("acme", "gadgets")["id"]
        widgets_id = control.repo("acme", "widgets")["id"]
        pushed = {j.repository_id for j in rescans if j.payload.get("reason") == "push" and j.state == "done"}
        assert {gadgets_id, widgets_id} <= pushed
        assert results[(gadgets_id, "security-policy")] == "pass"


ORG_REPOS = 30


def test_the_first_scan_of_an_org_costs_no_rest_call_but_for_deep_trees(
    sim: SimulatorServer, services: Services, keys: tuple[str, str]
) -> None:
    """Installing on an org of 30 compliant repositories: one bulk scan job, GraphQL batches for
    metadata, trees and small files, a REST tree only for a repository deeper than the GraphQL
    listing, no `GET /repositories/{id}`."""
    with RunningApp(services, run_worker=True) as app:
        control = sim.control
        control.register_app(
            id=4242, slug="repo-hygiene", public_key_pem=keys[1], webhook_secret=SECRET, webhook_url=app.url
        )
        control.create_org("acme", "Acme Corp")
        control.create_repo("acme", ".github", files={"SECURITY.md": POLICY, "a/b/c/d/e.md": "deep\n"})
        for n in range(ORG_REPOS):
            files = {"README.md": f"# r{n}\n\n{BADGE}\n", "SECURITY.md": POLICY, f"src/m{n}.py": "x = 1\n"}
            files |= {
                "package.json": f'{{"name": "r{n}"}}',
                "package-lock.json": f'{{"name": "r{n}", "lockfileVersion": 3, "packages": {{}}}}',
            }
            control.create_repo("acme", f"r{n}", files=files)
        control.reset_calls()
        control.install("acme")
        settle(control, services)
        by_endpoint: dict[str, int] = control.calls()["by_endpoint"]
        with services.sessions() as session:
            scanned = session.scalars(select(Repository).where(Repository.last_scanned_at.is_not(None))).all()
    assert len(scanned) == ORG_REPOS + 1
    assert all(pr == [] for pr in (control.repo("acme", f"r{n}")["pulls"] for n in range(ORG_REPOS)))
    graphql = by_endpoint.pop("POST /graphql", 0)
    by_endpoint.pop("POST /app/installations/{installation_id}/access_tokens", None)
    # the installation's budget, read once before the first group: GitHub does not count it
    assert by_endpoint.pop("GET /rate_limit") == 1
    # one REST tree: .github's, too deep for the GraphQL listing; pull requests come with the metadata
    assert by_endpoint == {"GET /repos/{owner}/{repo}/git/trees/{sha:path}": 1}
    assert graphql == 5  # the metadata of 31 repositories, their trees in two, ~125 small files in two
