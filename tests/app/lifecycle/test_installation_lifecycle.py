"""installation deleted/suspend stops every scan, pull request and check run for it and marks it;
unsuspend rescans. Driven by the real payloads in ../shared/fixtures/webhooks/installation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import respx

from app.jobs import queue
from app.jobs.context import Services
from app.store.models import Installation, Job, Repository
from app.store.sync import upsert_installation, upsert_repository
from tests.app.core.conftest import API
from tests.app.core.helpers import deliver, jobs, run_jobs

from .payloads import payload

pytestmark = pytest.mark.anyio
HELLO = 186853002  # Codertocat/Hello-World in the push payloads


@pytest.fixture
def github() -> Iterator[respx.MockRouter]:
    """No GitHub route at all: a job that still talks to GitHub fails and the test sees it."""
    with respx.mock(base_url=API, assert_all_mocked=True, assert_all_called=False) as router:
        yield router


def seed(services: Services, installation: dict[str, Any], repo_ids: list[int]) -> None:
    with services.sessions() as session, session.begin():
        upsert_installation(session, installation)
        for repo_id in repo_ids:
            upsert_repository(
                session,
                int(installation["id"]),
                {"id": repo_id, "name": f"r{repo_id}", "full_name": f"Codertocat/r{repo_id}"},
            )
            session.get(Repository, repo_id).default_branch = "master"  # type: ignore[union-attr]
            queue.enqueue(
                session,
                "scan_repository",
                {"repository_id": repo_id, "reason": "test"},
                dedupe_key=f"scan:{repo_id}",
                installation_id=int(installation["id"]),
                repository_id=repo_id,
            )


def push_to_default_branch(installation_id: int, repo_id: int) -> dict[str, Any]:
    body = payload("push", "with-new-branch.payload.json")  # a push to refs/heads/master
    body["installation"]["id"] = installation_id
    body["repository"]["id"] = repo_id
    return body


def finished(services: Services, kind: str) -> list[tuple[str, str]]:
    return [(j.state, (j.outcome or "").split(":")[0]) for j in jobs(services, kind)]


def installation(services: Services, inst_id: int) -> Installation:
    with services.sessions() as session:
        row = session.get(Installation, inst_id)
        assert row is not None
        return row


async def test_suspend_stops_scans_and_check_runs_and_unsuspend_rescans(
    services: Services, github: respx.MockRouter
) -> None:
    suspend = payload("installation", "suspend.payload.json")
    inst_id = int(suspend["installation"]["id"])
    seed(services, {**suspend["installation"], "suspended_at": None}, [HELLO])

    deliver(services, "installation", suspend)
    deliver(services, "push", push_to_default_branch(inst_id, HELLO))  # e.g. a late redelivery
    await run_jobs(services, "delivery")
    await run_jobs(services)
    assert installation(services, inst_id).suspended_at is not None
    assert finished(services, "scan_repository") == [("done", "dropped")]  # queued before the suspend
    assert finished(services, "checkrun.run") == [("done", "dropped")]
    assert github.calls.call_count == 0

    deliver(services, "installation", payload("installation", "unsuspend.payload.json"))
    await run_jobs(services, "delivery")
    assert installation(services, inst_id).active
    rescans = [j for j in jobs(services, "scan_repository") if j.state == "queued"]
    assert [(j.repository_id, j.payload["reason"]) for j in rescans] == [(HELLO, "installation.unsuspend")]


async def test_deleted_installation_marks_everything_and_nothing_runs_for_it(
    services: Services, github: respx.MockRouter
) -> None:
    deleted = payload("installation", "deleted.payload.json")
    inst_id = int(deleted["installation"]["id"])
    listed = [int(r["id"]) for r in deleted["repositories"]]
    seed(services, deleted["installation"], [*listed, HELLO])

    deliver(services, "installation", deleted)
    await run_jobs(services, "delivery")
    await run_jobs(services)
    assert installation(services, inst_id).deleted_at is not None
    with services.sessions() as session:
        reasons = {r.id: r.removed_reason for r in session.query(Repository)}
    assert reasons == {**dict.fromkeys(listed, "uninstalled"), HELLO: "uninstalled"}
    assert finished(services, "scan_repository") == [("done", "dropped")] * 2

    deliver(services, "push", push_to_default_branch(inst_id, HELLO))
    await run_jobs(services)
    assert finished(services, "scan_repository") == [("done", "dropped")] * 2  # no new scan
    assert finished(services, "checkrun.run") == [("done", "dropped")]
    assert github.calls.call_count == 0
    with services.sessions() as session:
        failed = session.query(Job).filter(Job.state != "done").all()
    assert [(j.kind, j.last_error) for j in failed] == []


async def test_real_created_then_repositories_added_and_removed(services: Services) -> None:
    created = payload("installation", "created.payload.json")
    inst_id = int(created["installation"]["id"])
    deliver(services, "installation", created)
    await run_jobs(services, "delivery")
    first = [int(r["id"]) for r in created["repositories"]]
    assert installation(services, inst_id).account_login == created["installation"]["account"]["login"]
    assert [j.repository_id for j in jobs(services, "scan_repository")] == first

    added = payload("installation_repositories", "added.payload.json")
    assert int(added["installation"]["id"]) == inst_id
    deliver(services, "installation_repositories", added)
    await run_jobs(services, "delivery")
    new = [int(r["id"]) for r in added["repositories_added"]]
    assert [j.repository_id for j in jobs(services, "scan_repository")] == first + new

    removed = payload("installation_repositories", "removed.payload.json")
    gone = [int(r["id"]) for r in removed["repositories_removed"]]
    seed(services, removed["installation"], gone)
    deliver(services, "installation_repositories", removed)
    await run_jobs(services, "delivery")
    with services.sessions() as session:
        reasons = {rid: session.get(Repository, rid).removed_reason for rid in first + new + gone}  # type: ignore[union-attr]
    assert reasons == {**dict.fromkeys(first + new), **dict.fromkeys(gone, "removed")}
