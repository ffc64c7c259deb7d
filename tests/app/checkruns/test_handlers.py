from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.checkruns import handlers, jobs
from app.checkruns.runner import CHECK_NAME
from app.checkruns.store import CheckRunRecord, newest_pull_head
from app.errors import SettingsError
from app.jobs.context import JobContext, Services
from app.jobs.registry import HANDLERS
from app.settings import Settings
from app.store.models import Job
from app.webhooks.router import WebhookEvent, router
from app.wiring import load_handlers
from checks.model import DEFAULT_ADVISORY_MAX_AGE
from tests.app.lifecycle.payloads import payload as payload_of
from tests.app.lifecycle.payloads import validate

HEAD, BASE, BEFORE = "a" * 40, "b" * 40, "c" * 40
REPO = {"id": 7, "name": "shop", "owner": {"login": "acme"}, "default_branch": "main"}


@dataclass
class FakeSettings:
    app_id: int = 42
    advisory_max_age: timedelta = DEFAULT_ADVISORY_MAX_AGE


def context(sessions: sessionmaker[Session]) -> JobContext:
    services = Services(settings=FakeSettings(), sessions=sessions, github=None)  # type: ignore[arg-type]
    return JobContext(services, job_id=1, kind="delivery", attempt=1, installation_id=99)


def event(name: str, payload: dict[str, Any]) -> WebhookEvent:
    return WebhookEvent(name, "d-1", {"repository": REPO, "installation": {"id": 99}, **payload})


async def dispatch(sessions: sessionmaker[Session], name: str, payload: dict[str, Any]) -> list[Job]:
    await router.dispatch(event(name, payload), context(sessions))
    with sessions() as session:
        return list(session.scalars(select(Job).order_by(Job.id)))


def pull(number: int = 3, head: str = HEAD, updated: str = "2026-11-24T10:00:00Z") -> dict[str, Any]:
    return {"number": number, "updated_at": updated, "head": {"sha": head}, "base": {"sha": BASE}}


def test_wiring_registers_routes_and_jobs() -> None:
    load_handlers()
    assert HANDLERS["checkrun.run"] is jobs.run_job
    assert HANDLERS["advisories.changed"] is jobs.advisories_changed
    for action in ("opened", "synchronize", "reopened"):
        assert handlers.on_pull_request in router.handlers_for(
            WebhookEvent("pull_request", "x", {"action": action})
        )
    assert handlers.on_pull_request not in router.handlers_for(
        WebhookEvent("pull_request", "x", {"action": "closed"})
    )
    assert handlers.on_pull_request_base_changed in router.handlers_for(
        WebhookEvent("pull_request", "x", {"action": "edited"})
    )


@pytest.mark.anyio
async def test_pull_request_enqueues_with_dedupe_and_records_head(sessions) -> None:
    jobs = await dispatch(sessions, "pull_request", {"action": "opened", "pull_request": pull()})
    (job,) = jobs
    assert job.kind == "checkrun.run" and job.dedupe_key == f"checkrun:7:{HEAD}:pull:3"
    assert job.installation_id == 99 and job.repository_id == 7
    assert job.payload == {
        "repository_id": 7,
        "owner": "acme",
        "name": "shop",
        "head_sha": HEAD,
        "base_ref": BASE,
        "pull_number": 3,
        "trigger": "pull_request.opened",
        "whole_state": False,
    }
    # the same commit again (a check_suite for it) collapses into the queued job
    suite = {"head_sha": HEAD, "head_branch": "feature", "app": {"id": 42}, "pull_requests": [pull()]}
    assert len(await dispatch(sessions, "check_suite", {"action": "requested", "check_suite": suite})) == 1
    with sessions() as session:
        assert newest_pull_head(session, 7, 3) == HEAD


@pytest.mark.anyio
async def test_a_check_suite_without_pull_request_is_not_absorbed_by_a_queued_pull_request_job(
    sessions,
) -> None:
    """The pull request's job is skipped once a newer head supersedes it; the suite requested for the
    commit before the pull request existed still needs its own run."""
    await dispatch(sessions, "pull_request", {"action": "opened", "pull_request": pull()})
    suite = {"head_sha": HEAD, "head_branch": "feature", "app": {"id": 42}, "pull_requests": []}
    jobs = await dispatch(sessions, "check_suite", {"action": "requested", "check_suite": suite})
    assert sorted(str(job.dedupe_key) for job in jobs) == [f"checkrun:7:{HEAD}", f"checkrun:7:{HEAD}:pull:3"]


@pytest.mark.anyio
async def test_newer_synchronize_moves_the_pr_head_and_an_older_event_does_not(sessions) -> None:
    await dispatch(sessions, "pull_request", {"action": "opened", "pull_request": pull()})
    newer = pull(head="d" * 40, updated="2026-11-24T11:00:00Z")
    await dispatch(sessions, "pull_request", {"action": "synchronize", "pull_request": newer})
    late = pull(head="e" * 40, updated="2026-11-24T09:00:00Z")
    await dispatch(sessions, "pull_request", {"action": "reopened", "pull_request": late})
    with sessions() as session:
        assert newest_pull_head(session, 7, 3) == "d" * 40


@pytest.mark.anyio
async def test_fork_pull_request_uses_the_base_repository(sessions) -> None:
    fork = pull()
    fork["head"] = {"sha": HEAD, "repo": {"id": 555, "full_name": "stranger/shop", "fork": True}}
    (job,) = await dispatch(sessions, "pull_request", {"action": "opened", "pull_request": fork})
    assert job.payload["owner"] == "acme" and job.repository_id == 7 and job.installation_id == 99


@pytest.mark.anyio
async def test_push_to_default_branch_only(sessions) -> None:
    base = {"before": BEFORE, "after": HEAD}
    assert await dispatch(sessions, "push", {**base, "ref": "refs/heads/feature"}) == []
    assert await dispatch(sessions, "push", {**base, "ref": "refs/heads/main", "deleted": True}) == []
    (job,) = await dispatch(sessions, "push", {**base, "ref": "refs/heads/main"})
    assert (job.payload["head_sha"], job.payload["base_ref"]) == (HEAD, BEFORE)
    assert job.payload["whole_state"] is True  # the default branch is checked whole, as on the dashboard


@pytest.mark.anyio
async def test_push_creating_the_branch_has_no_base(sessions) -> None:
    (job,) = await dispatch(sessions, "push", {"before": "0" * 40, "after": HEAD, "ref": "refs/heads/main"})
    assert job.payload["base_ref"] is None


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("suite", "expected", "whole_state"),
    [
        ({"head_branch": "main", "before": BEFORE, "pull_requests": []}, BEFORE, True),
        # a merge commit on the default branch may still list its pull request: the branch is checked whole
        ({"head_branch": "main", "before": BEFORE, "pull_requests": [pull()]}, BEFORE, True),
        ({"head_branch": "feature", "before": BEFORE, "pull_requests": []}, "main", False),
        ({"head_branch": "feature", "pull_requests": [pull()]}, BASE, False),
    ],
)
async def test_check_suite_base(sessions, suite: dict[str, Any], expected: str, whole_state: bool) -> None:
    payload = {"action": "rerequested", "check_suite": {"head_sha": HEAD, "app": {"id": 42}, **suite}}
    (job,) = await dispatch(sessions, "check_suite", payload)
    assert (job.payload["base_ref"], job.payload["whole_state"]) == (expected, whole_state)


@pytest.mark.anyio
async def test_other_apps_suite_is_ignored(sessions) -> None:
    payload = {
        "action": "requested",
        "check_suite": {"head_sha": HEAD, "app": {"id": 1}, "pull_requests": []},
    }
    assert await dispatch(sessions, "check_suite", payload) == []


def our_run(**extra: Any) -> dict[str, Any]:
    return {"id": 1000, "name": CHECK_NAME, "head_sha": HEAD, "app": {"id": 42}, "pull_requests": [], **extra}


@pytest.mark.anyio
async def test_loop_guard_ignores_our_created_and_completed_runs(sessions) -> None:
    for action in ("created", "completed"):
        assert await dispatch(sessions, "check_run", {"action": action, "check_run": our_run()}) == []
    assert (
        await dispatch(sessions, "check_suite", {"action": "completed", "check_suite": {"head_sha": HEAD}})
        == []
    )


@pytest.mark.anyio
async def test_rerequest_of_other_apps_or_other_names_is_ignored(sessions) -> None:
    assert (
        await dispatch(sessions, "check_run", {"action": "rerequested", "check_run": our_run(app={"id": 1})})
        == []
    )
    other = our_run(name="Something else")
    assert await dispatch(sessions, "check_run", {"action": "rerequested", "check_run": other}) == []


@pytest.mark.anyio
async def test_rerequest_uses_the_stored_base_of_that_run(sessions) -> None:
    with sessions() as session, session.begin():
        session.add(
            CheckRunRecord(repository_id=7, head_sha=HEAD, base_ref=BASE, pull_number=3, check_run_id=1000)
        )
    (job,) = await dispatch(sessions, "check_run", {"action": "rerequested", "check_run": our_run()})
    assert (job.payload["base_ref"], job.payload["pull_number"]) == (BASE, 3)
    assert job.payload["whole_state"] is False


@pytest.mark.anyio
async def test_rerequest_of_a_whole_state_run_checks_the_whole_state_again(sessions) -> None:
    with sessions() as session, session.begin():
        session.add(
            CheckRunRecord(
                repository_id=7,
                head_sha=HEAD,
                base_ref=BEFORE,
                check_run_id=1000,
                details={"whole_state": True},
            )
        )
    (job,) = await dispatch(sessions, "check_run", {"action": "rerequested", "check_run": our_run()})
    assert (job.payload["base_ref"], job.payload["whole_state"]) == (BEFORE, True)


@pytest.mark.anyio
async def test_requested_action_recheck_only(sessions) -> None:
    run = our_run(pull_requests=[pull()])
    unknown = {"action": "requested_action", "check_run": run, "requested_action": {"identifier": "other"}}
    assert await dispatch(sessions, "check_run", unknown) == []
    recheck = {**unknown, "requested_action": {"identifier": "recheck"}}
    (job,) = await dispatch(sessions, "check_run", recheck)
    assert job.payload["trigger"] == "check_run.requested_action" and job.payload["base_ref"] == BASE


def test_details_url_points_at_the_dashboard_when_base_url_is_set() -> None:
    assert jobs.details_url(Settings(base_url="https://rh.example/"), "acme", "a b") == (
        "https://rh.example/orgs/acme/repos/a%20b"
    )
    assert jobs.details_url(Settings(), "acme", "shop") is None
    with pytest.raises(SettingsError, match="BASE_URL"):  # never a javascript: link on GitHub
        Settings(base_url="javascript:x")


@pytest.mark.parametrize(
    ("trigger", "automatic"),
    [
        ("pull_request.opened", True),
        ("pull_request.synchronize", True),
        ("push", True),
        ("check_suite.requested", True),
        ("check_suite.rerequested", False),
        ("check_run.rerequested", False),
        ("check_run.requested_action", False),
        ("advisories.changed", False),
        ("pull_request.edited", False),  # a new base: never skipped as "already compared"
    ],
)
def test_only_githubs_own_triggers_may_skip_an_already_checked_head(trigger: str, automatic: bool) -> None:
    assert jobs.is_automatic(trigger) is automatic


NEW_BASE = "f" * 40


def retargeted(changes: dict[str, Any]) -> dict[str, Any]:
    """A `pull_request.edited` delivery built from GitHub's own synchronize example: the same pull
    request, with the `changes` GitHub sends on an edit (shape checked against GitHub's schema)."""
    body = payload_of("pull_request", "synchronize.payload.json")
    for key in ("before", "after"):
        body.pop(key, None)
    body["action"] = "edited"
    body["changes"] = changes
    validate("pull_request", "edited", body)
    return body


@pytest.mark.anyio
async def test_a_retargeted_pull_request_is_checked_again_against_its_new_base(sessions) -> None:
    body = retargeted({"base": {"ref": {"from": "develop"}, "sha": {"from": BASE}}})
    pr = body["pull_request"]
    pr["base"]["sha"] = NEW_BASE
    await dispatch(
        sessions,
        "pull_request",
        {"action": "opened", "pull_request": pull(number=pr["number"], head=pr["head"]["sha"])},
    )
    jobs_now = await dispatch(sessions, "pull_request", {k: v for k, v in body.items() if k != "repository"})
    assert len(jobs_now) == 2  # not absorbed by the queued run against the old base
    job = jobs_now[-1]
    assert job.payload["trigger"] == "pull_request.edited" and not jobs.is_automatic(job.payload["trigger"])
    assert (job.payload["head_sha"], job.payload["base_ref"]) == (pr["head"]["sha"], NEW_BASE)
    assert job.payload["pull_number"] == pr["number"] and job.payload["whole_state"] is False
    assert job.dedupe_key == f"checkrun:7:{pr['head']['sha']}:base:{NEW_BASE}"


@pytest.mark.anyio
async def test_title_and_body_edits_start_nothing(sessions) -> None:
    body = retargeted({"title": {"from": "Old title"}, "body": {"from": "old"}})
    assert (
        await dispatch(sessions, "pull_request", {k: v for k, v in body.items() if k != "repository"}) == []
    )
