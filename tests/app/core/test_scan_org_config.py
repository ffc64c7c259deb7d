"""A scan stores the organisation's default configuration per account id (and clears it when it goes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx

from app.jobs.context import Services
from app.store.org_config import OrgConfig, org_config_text

from .conftest import API, blob_json, ref_json, repo_json, token_response, tree_json
from .helpers import run_jobs
from .test_scan import b64, fast_retries, seed, serve_repo  # noqa: F401 - fast_retries is autouse

pytestmark = pytest.mark.anyio
ORG_HEAD = "e" * 40
ACME_ACCOUNT_ID = 77  # the account id `seed` installs on
ORG_TEXT = "dependencies:\n  fail_on: critical\n"


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=API, assert_all_called=False) as router:
        router.post("/app/installations/1/access_tokens").respond(201, json=token_response())
        yield router


def serve_org_repo(api: respx.MockRouter, files: dict[str, str]) -> None:
    api.get("/repos/acme/.github").respond(200, json=repo_json(9, ".github"))
    api.get("/repos/acme/.github/git/ref/heads/main").respond(200, json=ref_json(ORG_HEAD))
    tree = [
        {"path": p, "sha": f"o{i}", "size": len(t), "type": "blob", "mode": "100644"}
        for i, (p, t) in enumerate(files.items())
    ]
    api.get(f"/repos/acme/.github/git/trees/{ORG_HEAD}").respond(200, json=tree_json(tree, truncated=False))
    for i, text in enumerate(files.values()):
        api.get(f"/repos/acme/.github/git/blobs/o{i}").respond(200, json=blob_json(text))


def stored(services: Services) -> tuple[bool, str | None]:
    with services.sessions() as session:
        return session.get(OrgConfig, ACME_ACCOUNT_ID) is not None, org_config_text(session, ACME_ACCOUNT_ID)


async def test_scan_stores_then_clears_the_org_config(services: Services, api: respx.MockRouter) -> None:
    serve_repo(api, {"README.md": "# w\n"})
    serve_org_repo(api, {".github/repo-hygiene.yml": ORG_TEXT, "SECURITY.md": "policy\n"})
    seed(services)
    await run_jobs(services)
    assert stored(services) == (True, ORG_TEXT)

    # the org file is removed: the next scan records that there is none
    serve_org_repo(api, {"SECURITY.md": "policy\n"})
    seed(services)
    await run_jobs(services)
    assert stored(services) == (True, None)

    # back again, then the whole `.github` repository goes away
    serve_org_repo(api, {".github/repo-hygiene.yml": ORG_TEXT})
    seed(services)
    await run_jobs(services)
    assert stored(services) == (True, ORG_TEXT)
    api.get("/repos/acme/.github").respond(404, json={"message": "Not Found"})
    seed(services)
    await run_jobs(services)
    assert stored(services) == (True, None)


async def test_scan_of_the_org_github_repo_stores_its_own_file(
    services: Services, api: respx.MockRouter
) -> None:
    text = "dependencies:\n  fail_on: moderate\n"
    api.get("/repositories/12").respond(200, json=repo_json(12, ".github"))
    serve_org_repo(api, {".github/repo-hygiene.yml": text})
    seed(services, repo_id=12, name=".github")
    await run_jobs(services)
    assert stored(services) == (True, text)


async def test_scan_stores_which_file_decided_each_setting(services: Services, api: respx.MockRouter) -> None:
    from app.store.models import CheckResultRow

    repo_text = "dependencies:\n  mode: all\n  fail_on: severe\nchecks:\n  security-badge: {fix: false}\n"
    serve_repo(api, {"README.md": "# w\n", ".github/repo-hygiene.yml": repo_text})
    serve_org_repo(api, {".github/repo-hygiene.yml": ORG_TEXT})
    seed(services)
    await run_jobs(services)
    with services.sessions() as session:
        rows = {r.check_id: r.details.get("settings") for r in session.query(CheckResultRow)}
    deps = {s["key"]: (s["value"], s["source"]) for s in rows["dependency-advisories"]}
    assert deps["dependencies.mode"] == ("all", "repository")
    assert deps["dependencies.fail_on"] == ("critical", "organisation")  # the repo's value was invalid
    assert deps["dependencies.include_fixtures"] == (False, "default")
    badge = {s["key"]: (s["value"], s["source"]) for s in rows["security-badge"]}
    assert badge["checks.security-badge.fix"] == (False, "repository")
    assert badge["pull_requests.enabled"] == (True, "default")
