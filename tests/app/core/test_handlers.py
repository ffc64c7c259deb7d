from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from app.jobs.context import Services
from app.jobs.scans import scanned_repository_ids
from app.store.models import HygienePullRequest, Installation, Repository

from .conftest import installation_payload, repo_json
from .helpers import deliver, jobs, last_delivery_job, run_deliveries

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def core_handlers_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outcomes asserted here are the core handlers' own: the other packages' handlers of the same
    events (check runs on push, ...) are left out of the router for these tests."""
    from app.webhooks.router import router
    from app.wiring import load_handlers

    load_handlers()
    routes = {
        key: [
            fn
            for fn in fns
            if not fn.__module__.startswith("app.") or fn.__module__ == "app.webhooks.handlers"
        ]
        for key, fns in router._routes.items()
    }
    monkeypatch.setattr(router, "_routes", defaultdict(list, routes))


INST = {"id": 1, "account": {"login": "acme", "id": 77, "type": "Organization"}}


def repo_row(services: Services, repo_id: int) -> Repository:
    with services.sessions() as session:
        row = session.get(Repository, repo_id)
        assert row is not None
        return row


def scans(services: Services) -> list[tuple[int | None, str]]:
    return [
        (repo_id, j.state)
        for j in jobs(services, "scan_repository")
        for repo_id in scanned_repository_ids(j.repository_id, j.payload)
    ]


async def install(services: Services, repos: list[tuple[int, str]] | None = None) -> None:
    deliver(services, "installation", installation_payload("created", repos or [(11, "a"), (12, "b")]))
    await run_deliveries(services)


def push(repo_id: int, name: str, ref: str = "refs/heads/main", **extra: Any) -> dict[str, Any]:
    return {
        "ref": ref,
        "before": "0" * 40,
        "after": "f" * 40,
        "repository": repo_json(repo_id, name, **extra),
        "installation": {"id": 1},
    }


async def test_installation_created_stores_repos_and_queues_one_bulk_scan(services: Services) -> None:
    await install(services)
    with services.sessions() as session:
        inst = session.get(Installation, 1)
        assert inst is not None and inst.account_login == "acme" and inst.active
    assert (repo_row(services, 11).owner, repo_row(services, 11).name) == ("acme", "a")
    assert scans(services) == [(11, "queued"), (12, "queued")]
    [bulk] = jobs(services, "scan_repository")
    assert bulk.payload["repository_ids"] == [11, 12] and bulk.installation_id == 1
    # the same event delivered again under a new GUID does not queue duplicate scans
    await install(services)
    assert scans(services) == [(11, "queued"), (12, "queued")]


async def test_deleted_installation_marks_repos_and_later_events_are_dropped(services: Services) -> None:
    await install(services)
    deliver(services, "installation", installation_payload("deleted", []))
    await run_deliveries(services)
    assert repo_row(services, 11).removed_reason == "uninstalled"
    deliver(services, "push", push(11, "a"))
    await run_deliveries(services)
    job = last_delivery_job(services)
    assert job.state == "done" and (job.outcome or "").startswith("dropped")
    assert len(scans(services)) == 2


async def test_suspend_stops_and_unsuspend_rescans(services: Services) -> None:
    await install(services)
    deliver(services, "installation", installation_payload("suspend", []))
    await run_deliveries(services)
    deliver(services, "push", push(11, "a"))
    await run_deliveries(services)
    assert (last_delivery_job(services).outcome or "").startswith("dropped")
    deliver(services, "installation", installation_payload("unsuspend", []))
    await run_deliveries(services)
    # the earlier scans are still queued, so the rescan requests are absorbed by them
    assert scans(services) == [(11, "queued"), (12, "queued")]
    with services.sessions() as session:
        inst = session.get(Installation, 1)
        assert inst is not None and inst.suspended_at is None


async def test_installation_repositories_added_and_removed(services: Services) -> None:
    await install(services, [(11, "a")])
    payload = {
        "action": "added",
        "installation": INST,
        "repositories_added": [{"id": 13, "name": "c", "full_name": "acme/c"}],
        "repositories_removed": [],
    }
    deliver(services, "installation_repositories", payload)
    await run_deliveries(services)
    assert repo_row(services, 13).name == "c" and (13, "queued") in scans(services)
    payload = {**payload, "action": "removed", "repositories_added": [], "repositories_removed": [{"id": 11}]}
    deliver(services, "installation_repositories", payload)
    await run_deliveries(services)
    assert repo_row(services, 11).removed_reason == "removed"


async def test_push_to_default_branch_rescans_other_branches_do_not(services: Services) -> None:
    await install(services, [(11, "a")])
    for job in jobs(services, "scan_repository"):
        with services.sessions() as session, session.begin():
            row = session.get(type(job), job.id)
            assert row is not None
            row.state = "done"
    for ref in ("refs/heads/feature", "refs/heads/repo-hygiene/security-policy", "refs/tags/v1"):
        deliver(services, "push", push(11, "a", ref=ref))
        await run_deliveries(services)
        assert (last_delivery_job(services).outcome or "").startswith("ignored")
    assert [s for s in scans(services) if s[1] == "queued"] == []
    deliver(services, "push", push(11, "a"))
    await run_deliveries(services)
    assert scans(services)[-1] == (11, "queued")
    assert repo_row(services, 11).head_sha == "f" * 40


async def test_push_for_a_repository_the_installation_does_not_have_is_dropped(services: Services) -> None:
    await install(services, [(11, "a")])
    deliver(services, "push", push(99, "stranger"))
    await run_deliveries(services)
    job = last_delivery_job(services)
    assert job.state == "done" and "not covered" in (job.outcome or "")


async def test_events_without_installation_are_dropped(services: Services) -> None:
    payload = push(11, "a")
    del payload["installation"]
    deliver(services, "push", payload)
    await run_deliveries(services)
    job = last_delivery_job(services)
    assert job.state == "done" and job.outcome == "dropped: no installation in payload"


def pr_event(
    action: str, *, merged: bool, ref: str = "repo-hygiene/security-policy", sender: str = "alice"
) -> dict[str, Any]:
    repo = repo_json(11, "a")
    return {
        "action": action,
        "number": 5,
        "pull_request": {
            "number": 5,
            "state": "closed",
            "merged": merged,
            "html_url": "https://github.com/acme/a/pull/5",
            "user": {"login": "repo-hygiene[bot]", "type": "Bot"},
            "head": {"ref": ref, "sha": "e" * 40, "repo": repo},
        },
        "repository": repo,
        "installation": {"id": 1},
        "sender": {"login": sender},
    }


def pr_state(services: Services) -> str | None:
    with services.sessions() as session:
        row = session.get(HygienePullRequest, 11)
        return row.state if row else None


async def test_own_pr_closed_records_merged_declined_or_own_close(services: Services) -> None:
    await install(services, [(11, "a")])
    deliver(services, "pull_request", pr_event("closed", merged=False, ref="someone/else"))
    await run_deliveries(services)
    assert pr_state(services) is None
    deliver(services, "pull_request", pr_event("closed", merged=False))
    await run_deliveries(services)
    assert pr_state(services) == "declined"
    deliver(services, "pull_request", pr_event("reopened", merged=False))
    await run_deliveries(services)
    assert pr_state(services) == "open"
    deliver(services, "pull_request", pr_event("closed", merged=False, sender="repo-hygiene[bot]"))
    await run_deliveries(services)
    assert pr_state(services) == "closed_by_app"
    deliver(services, "pull_request", pr_event("closed", merged=True))
    await run_deliveries(services)
    assert pr_state(services) == "merged"


async def test_repository_events_keep_the_store_true(services: Services) -> None:
    await install(services, [(11, "a")])

    async def send(action: str, changes: dict[str, Any] | None = None, **repo: Any) -> None:
        payload = {
            "action": action,
            "repository": repo_json(11, repo.pop("name", "a"), **repo),
            "installation": {"id": 1},
        }
        if changes:
            payload["changes"] = changes
        deliver(services, "repository", payload)
        await run_deliveries(services)

    await send("renamed", name="a2")
    assert repo_row(services, 11).name == "a2"
    await send("archived", name="a2", archived=True)
    assert repo_row(services, 11).archived
    await send("unarchived", name="a2")
    assert not repo_row(services, 11).archived
    await send("edited", {"default_branch": {"from": "main"}}, name="a2", default_branch="trunk")
    assert repo_row(services, 11).default_branch == "trunk"
    await send("privatized", name="a2", private=True, visibility="private")
    assert repo_row(services, 11).private and repo_row(services, 11).visibility == "private"
    await send("deleted", name="a2")
    assert repo_row(services, 11).removed_reason == "deleted"


async def test_push_to_the_org_dot_github_repo_rescans_every_repository(services: Services) -> None:
    await install(services, [(11, "a"), (12, "b"), (13, ".github")])
    for job in jobs(services, "scan_repository"):
        with services.sessions() as session, session.begin():
            row = session.get(type(job), job.id)
            assert row is not None
            row.state = "done"
    deliver(services, "push", push(13, ".github"))
    await run_deliveries(services)
    assert sorted(s[0] or 0 for s in scans(services) if s[1] == "queued") == [11, 12, 13]


async def test_a_delivery_is_done_when_any_handler_did_work(services: Services) -> None:
    from app.webhooks.router import router

    calls: list[str] = []

    @router.on("test_event_shared")
    async def ignoring(event: Any, ctx: Any) -> None:
        ctx.outcome = "ignored: not mine"

    @router.on("test_event_shared", "go")
    async def working(event: Any, ctx: Any) -> None:
        calls.append(event.action)

    deliver(services, "test_event_shared", {"action": "go", "installation": {"id": 1}})
    await run_deliveries(services)
    assert calls == ["go"] and last_delivery_job(services).outcome is None
    deliver(services, "test_event_shared", {"action": "stop", "installation": {"id": 1}})
    await run_deliveries(services)
    assert last_delivery_job(services).outcome == "ignored: not mine"


async def test_a_push_modifying_no_file_a_check_reads_queues_no_scan(services: Services) -> None:
    await install(services)
    for job in jobs(services, "scan_repository"):
        with services.sessions() as session, session.begin():
            row = session.get(type(job), job.id)
            assert row is not None
            row.state = "done"
    with services.sessions() as session, session.begin():
        scanned = session.get(Repository, 11)
        assert scanned is not None
        scanned.head_sha = "a" * 40
    quiet = {**push(11, "a"), "before": "a" * 40, "after": "b" * 40}
    quiet["commits"] = [{"id": "b" * 40, "added": [], "removed": [], "modified": ["src/app.py"]}]
    deliver(services, "push", quiet)
    await run_deliveries(services)
    assert (last_delivery_job(services).outcome or "").startswith("ignored: the push changed no file")
    assert repo_row(services, 11).head_sha == "b" * 40
    assert [s for s in scans(services) if s[1] == "queued"] == []
    loud = {**quiet, "before": "b" * 40, "after": "c" * 40}
    loud["commits"] = [{"id": "c" * 40, "added": [], "removed": [], "modified": ["SECURITY.md"]}]
    deliver(services, "push", loud)
    await run_deliveries(services)
    assert [s for s in scans(services) if s[1] == "queued"] == [(11, "queued")]
