"""The scan job against respx-mocked GitHub: results, skips, and 404/409/422/5xx/rate limits."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from typing import Any

import pytest
import respx
from sqlalchemy import select

import checks
from app.github.client import GitHubApp
from app.github.retry import RetryPolicy
from app.jobs import queue
from app.jobs.context import Services
from app.store.base import utcnow
from app.store.models import CheckResultHistory, CheckResultRow, Installation, Job, Repository
from app.store.sync import upsert_installation, upsert_repository

from .conftest import API, blob_json, ref_json, repo_json, token_response, tree_json
from .helpers import run_jobs

pytestmark = pytest.mark.anyio
HEAD = "d" * 40
POLICY = (
    "Supported versions: latest. Report privately to sec@acme.dev; we acknowledge within 2 days and "
    "disclose within 90 days.\n"
)
ACTIONS: list[tuple[str, list[str]]] = []


@pytest.fixture(autouse=True)
def fast_retries(services: Services, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    services.github = GitHubApp(
        services.settings, retry_policy=lambda cache: RetryPolicy(cache=cache, server_base_delay=0.01)
    )
    ACTIONS.clear()

    async def fake_pr_action(
        gh: Any, session: Any, repo: Repository, snapshot: Any, results: Any, config: Any, **_: Any
    ) -> str:
        ACTIONS.append((repo.full_name, sorted(results)))
        return "recorded"

    monkeypatch.setattr("app.jobs.pipeline.ensure_security_pr", fake_pr_action)
    yield


def seed(services: Services, repo_id: int = 11, name: str = "w") -> int:
    with services.sessions() as session, session.begin():
        upsert_installation(
            session, {"id": 1, "account": {"login": "acme", "id": 77, "type": "Organization"}}
        )
        upsert_repository(session, 1, {"id": repo_id, "name": name, "full_name": f"acme/{name}"})
        job_id = queue.enqueue(session, "scan_repository", {"repository_id": repo_id}, installation_id=1)
    assert job_id is not None
    return job_id


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response())
        router.get("/repos/acme/.github").respond(404, json={"message": "Not Found"})
        yield router


def serve_repo(api: respx.MockRouter, files: dict[str, str], **facts: Any) -> None:
    api.get("/repositories/11").respond(200, json=repo_json(11, "w", **facts))
    api.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
    tree = [
        {"path": p, "sha": f"s{i}", "size": len(t), "type": "blob", "mode": "100644"}
        for i, (p, t) in enumerate(files.items())
    ]
    api.get(f"/repos/acme/w/git/trees/{HEAD}").respond(200, json=tree_json(tree, truncated=False))
    for i, text in enumerate(files.values()):
        api.get(f"/repos/acme/w/git/blobs/s{i}", name=f"/repos/acme/w/git/blobs/s{i}").respond(
            200, json=blob_json(text)
        )


def job(services: Services, job_id: int) -> Job:
    with services.sessions() as session:
        row = session.get(Job, job_id)
        assert row is not None
        return row


def repo(services: Services) -> Repository:
    with services.sessions() as session:
        row = session.get(Repository, 11)
        assert row is not None
        return row


def results(services: Services) -> dict[str, str]:
    with services.sessions() as session:
        return {r.check_id: r.status for r in session.scalars(select(CheckResultRow))}


async def test_scan_stores_results_and_history_then_acts(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    serve_repo(api, {"README.md": "# w\n", "src/x.py": "1\n"})
    await run_jobs(services)
    assert job(services, job_id).state == "done"
    stored = results(services)
    assert stored == {cid: stored[cid] for cid in checks.REGISTRY}  # every registered check ran
    assert (stored["security-badge"], stored["security-policy"]) == ("fail", "fail")
    assert ACTIONS == [("acme/w", sorted(checks.REGISTRY))]
    row = repo(services)
    assert row.head_sha == HEAD and row.last_scanned_at is not None and row.scan_note is None
    with services.sessions() as session:
        stored = session.scalars(
            select(CheckResultRow).where(CheckResultRow.check_id == "security-policy")
        ).one()
        assert stored.commit_sha == HEAD and isinstance(stored.details["findings"], list)

    # the same result again adds no history; a change of status does
    seed(services)
    await run_jobs(services)
    api.get(f"/repos/acme/w/git/trees/{HEAD}").respond(
        200,
        json=tree_json([{"path": "SECURITY.md", "sha": "p", "size": 10, "type": "blob"}]),
    )
    api.get("/repos/acme/w/git/blobs/p").respond(200, json=blob_json(POLICY))
    seed(services)
    await run_jobs(services)
    assert results(services)["security-policy"] == "pass"
    with services.sessions() as session:
        history = session.scalars(
            select(CheckResultHistory.status).where(CheckResultHistory.check_id == "security-policy")
        ).all()
    assert history == ["fail", "pass"]


LOCKFILE = (
    '{"lockfileVersion": 3, "packages": {"": {"name": "w", "dependencies": {"lodash": "4.17.15"}},'
    ' "node_modules/lodash": {"version": "4.17.15"}}}\n'
)


def dependency_result(services: Services) -> dict[str, Any]:
    with services.sessions() as session:
        row = session.scalars(
            select(CheckResultRow).where(CheckResultRow.check_id == "dependency-advisories")
        ).one()
        return dict(row.details["data"])


async def test_a_lockfile_parsed_before_is_not_downloaded_again(
    services: Services, api: respx.MockRouter
) -> None:
    seed(services)
    serve_repo(api, {"README.md": "# w\n", "package-lock.json": LOCKFILE})
    await run_jobs(services)
    first = dependency_result(services)
    assert first["packages"] == [["npm", "lodash", "4.17.15"]]
    readme, lockfile = (api.routes[f"/repos/acme/w/git/blobs/s{i}"] for i in (0, 1))
    assert (readme.call_count, lockfile.call_count) == (1, 1)

    seed(services)  # the same commit scanned again: its lockfile's parse is known by blob sha
    await run_jobs(services)
    assert (readme.call_count, lockfile.call_count) == (2, 1)
    assert dependency_result(services) == first


async def test_archived_repository_is_skipped_and_recorded(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    api.get("/repositories/11").respond(200, json=repo_json(11, "w", archived=True))
    tree = api.get(url__regex=r".*/git/.*").respond(500)
    await run_jobs(services)
    assert job(services, job_id).state == "done" and repo(services).scan_note == "skipped-archived"
    assert repo(services).archived and tree.call_count == 0 and ACTIONS == []


async def test_fork_is_scanned_without_a_pull_request(services: Services, api: respx.MockRouter) -> None:
    seed(services)
    serve_repo(api, {"README.md": "# w\n"}, fork=True)
    await run_jobs(services)
    assert results(services) and ACTIONS == []


async def test_empty_repository_409(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    api.get("/repositories/11").respond(200, json=repo_json(11, "w", size=0))
    api.get("/repos/acme/w/git/ref/heads/main").respond(409, json={"message": "Git Repository is empty."})
    await run_jobs(services)
    assert job(services, job_id).state == "done"
    assert repo(services).scan_note == "skipped-empty" and repo(services).empty and ACTIONS == []


async def test_repository_gone_404_is_recorded_not_failed(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    api.get("/repositories/11").respond(404, json={"message": "Not Found"})
    await run_jobs(services)
    finished = job(services, job_id)
    assert finished.state == "done" and (finished.outcome or "").startswith("dropped")
    assert "not accessible" in (repo(services).scan_note or "")


async def test_server_errors_fail_the_attempt_with_backoff(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    route = api.get("/repositories/11").respond(502, json={"message": "Bad Gateway"})
    await run_jobs(services)
    failed = job(services, job_id)
    assert failed.state == "queued" and failed.attempts == 1 and failed.run_after > utcnow()
    assert failed.last_error == "ServerError: 502 Bad Gateway"
    assert route.call_count == 4


async def test_422_from_the_pull_request_action_fails_the_attempt(
    services: Services, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refusing_action(gh: Any, *args: Any, **_: Any) -> str:
        await gh.arequest("POST", "/repos/acme/w/pulls", json={"head": "x", "base": "main", "title": "t"})
        return "unreachable"

    monkeypatch.setattr("app.jobs.pipeline.ensure_security_pr", refusing_action)
    job_id = seed(services)
    serve_repo(api, {"README.md": "# w\n"})
    api.post("/repos/acme/w/pulls").respond(422, json={"message": "Validation Failed"})
    await run_jobs(services)
    failed = job(services, job_id)
    assert failed.state == "queued" and failed.last_error == "Unprocessable: 422 Validation Failed"
    assert results(services)  # the scan results were stored before the action failed


async def test_primary_rate_limit_reschedules_at_reset(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    reset = int(time.time()) + 1200
    api.get("/repositories/11").respond(
        403,
        headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(reset)},
        json={"message": "API rate limit exceeded for installation."},
    )
    await run_jobs(services)
    waiting = job(services, job_id)
    assert waiting.state == "queued" and waiting.attempts == 0
    assert int(waiting.run_after.timestamp()) == reset


async def test_secondary_limit_with_retry_after_is_honoured_in_place(
    services: Services, api: respx.MockRouter
) -> None:
    job_id = seed(services)
    import httpx

    api.get("/repositories/11").mock(
        side_effect=[
            httpx.Response(403, headers={"retry-after": "1"}, json={"message": "secondary rate limit"}),
            httpx.Response(200, json=repo_json(11, "w", archived=True)),
        ]
    )
    await run_jobs(services)
    assert job(services, job_id).state == "done" and repo(services).scan_note == "skipped-archived"


async def test_scan_of_a_removed_repository_is_dropped(services: Services, api: respx.MockRouter) -> None:
    job_id = seed(services)
    with services.sessions() as session, session.begin():
        inst = session.get(Installation, 1)
        assert inst is not None
        inst.deleted_at = utcnow()
    await run_jobs(services)
    assert (job(services, job_id).outcome or "").startswith("dropped")
