"""Bad configuration is reported where a maintainer looks (the repository's scan note, shown on the
dashboard, and every stored check result's details) and the defaults stay in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import respx
from sqlalchemy import select

from app.github.client import GitHubApp
from app.github.retry import RetryPolicy
from app.jobs import queue
from app.jobs.context import Services
from app.store.models import CheckResultRow, Job, Repository
from app.store.sync import upsert_installation, upsert_repository
from checks.config import DEFAULT_CONFIG, RepoConfig
from tests.app.core.conftest import API, blob_json, ref_json, repo_json, token_response, tree_json
from tests.app.core.helpers import run_jobs

pytestmark = pytest.mark.anyio
HEAD = "a" * 40
CONFIGS_SEEN: list[RepoConfig] = []


@pytest.fixture(autouse=True)
def recorded_pr_action(services: Services, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    services.github = GitHubApp(
        services.settings, retry_policy=lambda cache: RetryPolicy(cache=cache, server_base_delay=0.01)
    )
    CONFIGS_SEEN.clear()

    async def action(
        gh: Any, session: Any, repo: Any, snapshot: Any, results: Any, config: RepoConfig, **_: Any
    ) -> str:
        CONFIGS_SEEN.append(config)
        return "recorded"

    monkeypatch.setattr("app.jobs.pipeline.ensure_security_pr", action)
    yield


def scan(services: Services, files: dict[str, str], **facts: object) -> respx.MockRouter:
    with services.sessions() as session, session.begin():
        upsert_installation(session, {"id": 1, "account": {"login": "acme", "id": 77}})
        upsert_repository(session, 1, {"id": 11, "name": "w", "full_name": "acme/w"})
        queue.enqueue(session, "scan_repository", {"repository_id": 11}, installation_id=1)
    router = respx.mock(base_url=API, assert_all_called=False)
    router.post("/app/installations/1/access_tokens").respond(201, json=token_response())
    router.get("/repos/acme/.github").respond(404, json={"message": "Not Found"})
    router.get("/repositories/11").respond(200, json=repo_json(11, "w", **facts))
    router.get("/repos/acme/w/git/ref/heads/main").respond(200, json=ref_json(HEAD))
    tree = [
        {"path": p, "sha": f"s{i}", "size": len(t), "type": "blob"} for i, (p, t) in enumerate(files.items())
    ]
    router.get(f"/repos/acme/w/git/trees/{HEAD}").respond(200, json=tree_json(tree, truncated=False))
    for i, text in enumerate(files.values()):
        blob = blob_json(text)
        router.get(f"/repos/acme/w/git/blobs/s{i}").respond(200, json=blob)
    return router


def stored(services: Services) -> tuple[Repository, list[CheckResultRow], list[Job]]:
    with services.sessions() as session:
        repo = session.get(Repository, 11)
        assert repo is not None
        return repo, list(session.scalars(select(CheckResultRow))), list(session.scalars(select(Job)))


@pytest.mark.parametrize(
    ("config_text", "expected"),
    [
        (
            "pull_requests:\n  enabled: maybe\nsecurity_policy:\n  response_days: 400\n",
            ["pull_requests.enabled", "security_policy.response_days"],
        ),
        ("pull_requests: [unclosed\n", [".github/repo-hygiene.yml"]),
    ],
)
async def test_bad_configuration_is_reported_and_the_defaults_stay_in_force(
    services: Services, config_text: str, expected: list[str]
) -> None:
    with scan(services, {"README.md": "# w\n", ".github/repo-hygiene.yml": config_text}):
        await run_jobs(services)
    repo, results, jobs = stored(services)
    assert [(j.state, j.last_error) for j in jobs] == [("done", None)]  # the scan went on
    assert repo.scan_note is not None and repo.scan_note.startswith("config: ")
    assert all(part in repo.scan_note for part in expected), repo.scan_note
    assert results and all(
        r.details["config_errors"] and all(p in " ".join(r.details["config_errors"]) for p in expected)
        for r in results
    )
    [config] = CONFIGS_SEEN  # the pull request action still ran, with the defaults for the bad keys
    assert config.pull_requests.enabled is DEFAULT_CONFIG.pull_requests.enabled
    assert config.security_policy.response_days == DEFAULT_CONFIG.security_policy.response_days


async def test_the_rest_of_a_partly_bad_file_still_applies(services: Services) -> None:
    text = "pull_requests:\n  enabled: maybe\nsecurity_policy:\n  contact_email: sec@acme.dev\n"
    with scan(services, {"README.md": "# w\n", ".github/repo-hygiene.yml": text}):
        await run_jobs(services)
    [config] = CONFIGS_SEEN
    assert config.security_policy.contact_email == "sec@acme.dev" and config.pull_requests.enabled


async def test_a_good_configuration_leaves_no_report(services: Services) -> None:
    text = "security_policy:\n  contact_email: sec@acme.dev\n"
    with scan(services, {"README.md": "# w\n", ".github/repo-hygiene.yml": text}):
        await run_jobs(services)
    repo, results, _ = stored(services)
    assert repo.scan_note is None and results and all("config_errors" not in r.details for r in results)
