"""`repository` events keep the store true, driven by the real payloads in ../shared/fixtures/webhooks."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
import respx

from app.jobs.context import Services
from app.store.models import Installation, Repository
from app.store.sync import upsert_installation, upsert_repository
from tests.app.core.helpers import deliver, jobs, last_delivery_job, run_deliveries, run_jobs

from .payloads import derived_from_edited, payload, validate

pytestmark = pytest.mark.anyio
REPO_ID = 186853261  # Octocoders/Hello-World in the repository payloads


# the accounts' ids in GitHub's example payloads: ownership is decided by id, not login
ACCOUNT_IDS = {"Octocoders": 38302899, "octocat": 21031067}


def seed(services: Services, account: str, *, selection: str = "all", owner: str | None = None) -> None:
    with services.sessions() as session, session.begin():
        inst = upsert_installation(
            session,
            {
                "id": 1,
                "account": {"login": account, "id": ACCOUNT_IDS[account]},
                "repository_selection": selection,
            },
        )
        if owner is not None:
            upsert_repository(
                session, inst.id, {"id": REPO_ID, "name": "Old-Name", "full_name": f"{owner}/Old-Name"}
            )


def row(services: Services) -> Repository | None:
    with services.sessions() as session:
        return session.get(Repository, REPO_ID)


def queued_scans(services: Services) -> list[int | None]:
    return [j.repository_id for j in jobs(services, "scan_repository") if j.state == "queued"]


async def send(services: Services, body: dict[str, Any]) -> None:
    deliver(services, "repository", body)
    await run_deliveries(services)
    assert last_delivery_job(services).state == "done"


async def test_renamed_updates_the_name_and_keeps_the_results(services: Services) -> None:
    seed(services, "Octocoders", owner="Octocoders")
    await send(services, payload("repository", "renamed.payload.json"))
    repo = row(services)
    assert repo is not None and repo.full_name == "Octocoders/Hello-World" and repo.removed_reason is None


async def test_transferred_into_the_installation_account_is_kept_and_rescanned(services: Services) -> None:
    seed(services, "Octocoders", owner="octocat")  # known under its old owner
    await send(services, payload("repository", "transferred.with-installation.payload.json"))
    repo = row(services)
    assert repo is not None and (repo.owner, repo.removed_reason) == ("Octocoders", None)
    assert queued_scans(services) == [REPO_ID]


async def test_transferred_away_from_the_installation_account_is_marked(services: Services) -> None:
    seed(services, "octocat", owner="octocat")  # the app is installed on the old owner only
    await send(services, payload("repository", "transferred.with-installation.payload.json"))
    repo = row(services)
    assert repo is not None and repo.removed_reason == "transferred" and queued_scans(services) == []
    # a later event for it is a payload for a repository the installation no longer has
    await send(services, payload("repository", "renamed.payload.json"))
    assert "not covered" in (last_delivery_job(services).outcome or "")


async def test_transferred_in_unknown_repository_is_added_when_the_installation_covers_all(
    services: Services,
) -> None:
    seed(services, "Octocoders")
    await send(services, payload("repository", "transferred.with-installation.payload.json"))
    repo = row(services)
    assert repo is not None and repo.installation_id == 1 and queued_scans(services) == [REPO_ID]


@pytest.mark.parametrize(("selection", "stored"), [("all", True), ("selected", False)])
async def test_created_repository_is_added_only_when_the_installation_covers_all(
    services: Services, selection: str, stored: bool
) -> None:
    seed(services, "Octocoders", selection=selection)
    await send(services, payload("repository", "created.with-installation.payload.json"))
    assert (row(services) is not None) is stored
    assert queued_scans(services) == ([REPO_ID] if stored else [])
    if not stored:  # a selected installation hears of it through installation_repositories.added
        assert "not covered" in (last_delivery_job(services).outcome or "")


async def test_created_repository_in_a_suspended_installation_is_not_added(services: Services) -> None:
    from app.store.base import utcnow

    seed(services, "Octocoders")
    with services.sessions() as session, session.begin():
        inst = session.get(Installation, 1)
        assert inst is not None
        inst.suspended_at = utcnow()
    await send(services, payload("repository", "created.with-installation.payload.json"))
    assert row(services) is None and queued_scans(services) == []


async def test_archived_payload_derived_from_edited_is_valid_and_marks_the_repository(
    services: Services,
) -> None:
    seed(services, "Octocoders", owner="Octocoders")
    archived = derived_from_edited("archived", archived=True)
    await send(services, archived)
    repo = row(services)
    assert repo is not None and repo.archived and queued_scans(services) == []
    await send(services, derived_from_edited("unarchived", archived=False))
    repo = row(services)
    assert repo is not None and not repo.archived and queued_scans(services) == [REPO_ID]


def test_the_derived_payload_is_really_checked_against_the_schema() -> None:
    archived = derived_from_edited("archived", archived=True)
    wrong = copy.deepcopy(archived)
    wrong["repository"]["archived"] = False  # an archived event always says archived: true
    with pytest.raises(jsonschema.ValidationError):
        validate("repository", "archived", wrong)


async def test_deleted_marks_the_repository_and_later_pushes_are_dropped(services: Services) -> None:
    seed(services, "Octocoders", owner="Octocoders")
    await send(services, derived_from_edited("deleted"))
    repo = row(services)
    assert repo is not None and repo.removed_reason == "deleted"
    push = payload("push", "with-new-branch.payload.json")  # a push to the default branch
    push["repository"]["id"] = REPO_ID
    deliver(services, "push", push)
    await run_deliveries(services)
    assert queued_scans(services) == []
    with respx.mock(assert_all_mocked=True) as github:  # no route: any GitHub call would fail the job
        await run_jobs(services)  # the check run requested by the same push is dropped, not attempted
    checkruns = [(j.state, (j.outcome or "")[:8]) for j in jobs(services, "checkrun.run")]
    assert checkruns == [("done", "dropped:")] and github.calls.call_count == 0


async def test_default_branch_edit_is_stored_and_rescanned(services: Services) -> None:
    seed(services, "Octocoders", owner="Octocoders")
    body = payload("repository", "edited.with-default_branch-edit.payload.json")
    body["installation"] = {"id": 1}
    await send(services, body)
    repo = row(services)
    assert repo is not None and repo.default_branch == body["repository"]["default_branch"]
    assert queued_scans(services) == [REPO_ID]


async def test_privatized_and_publicized_update_the_visibility(services: Services) -> None:
    seed(services, "Octocoders", owner="Octocoders")
    for name, private in (("privatized", True), ("publicized", False)):
        body = payload("repository", f"{name}.with-organization.payload.json")
        body["repository"]["id"], body["installation"] = REPO_ID, {"id": 1}
        await send(services, body)
        repo = row(services)
        assert repo is not None and repo.private is private
