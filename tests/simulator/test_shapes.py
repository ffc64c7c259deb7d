"""Response bodies carry the keys of GitHub's REST examples (../shared/fixtures/rest)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.conftest import shared_path
from tests.simulator.conftest import World, api, app_jwt, installation_token

# keys GitHub's examples show that the sandbox does not model (optional in GitHub's schemas)
NOT_MODELLED = {
    "repos/get": {
        "template_repository",
        "source",
        "parent",
        "security_and_analysis",
        "code_of_conduct",
        "temp_clone_token",
        "use_squash_pr_title_as_default",
        "squash_merge_commit_title",
        "squash_merge_commit_message",
        "merge_commit_title",
        "merge_commit_message",
        "allow_update_branch",
    },
    "apps/create-installation-access-token": {"repositories"},
}


def example(operation: str, status: str | None = None) -> Any:
    data = json.loads(shared_path("fixtures", "rest", f"{operation}.json").read_text())
    response = data["responses"][status or next(iter(data["responses"]))]
    content = next(iter(response["content"].values()))
    return next(iter(content["examples"].values()))["value"]


def missing_keys(operation: str, ours: dict[str, Any], status: str | None = None) -> set[str]:
    theirs = example(operation, status)
    if isinstance(theirs, list):
        theirs = theirs[0]
    return set(theirs) - set(ours) - NOT_MODELLED.get(operation, set())


def test_main_objects_have_the_example_keys(world: World) -> None:
    world.control.push("acme", "widgets", {"SECURITY.md": "x"}, branch="fix")
    jwt_headers = {"Authorization": f"Bearer {app_jwt(world.private_key)}"}
    base = world.base_url
    token_body = httpx.post(
        f"{base}/app/installations/{world.installation_id}/access_tokens", headers=jwt_headers
    ).json()
    checks: dict[str, dict[str, Any]] = {
        "apps/get-authenticated": httpx.get(f"{base}/app", headers=jwt_headers).json(),
        "apps/get-installation": httpx.get(
            f"{base}/app/installations/{world.installation_id}", headers=jwt_headers
        ).json(),
        "apps/create-installation-access-token": token_body,
    }
    with api(world, installation_token(world)) as client:
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()
        sha = head["object"]["sha"]
        tree = client.get(f"/repos/acme/widgets/git/trees/{sha}", params={"recursive": "1"}).json()
        blob_sha = tree["tree"][0]["sha"]
        pr = client.post(
            "/repos/acme/widgets/pulls", json={"title": "t", "head": "fix", "base": "main"}
        ).json()
        run = client.post("/repos/acme/widgets/check-runs", json={"name": "n", "head_sha": sha}).json()
        checks.update(
            {
                "repos/get": client.get("/repos/acme/widgets").json(),
                "git/get-ref": head,
                "git/get-tree": tree,
                "git/get-blob": client.get(f"/repos/acme/widgets/git/blobs/{blob_sha}").json(),
                "git/get-commit": client.get(f"/repos/acme/widgets/git/commits/{sha}").json(),
                "pulls/create": pr,
                "pulls/get": client.get(f"/repos/acme/widgets/pulls/{pr['number']}").json(),
                "checks/create": run,
                "checks/get": client.get(f"/repos/acme/widgets/check-runs/{run['id']}").json(),
                "checks/list-for-ref": client.get(f"/repos/acme/widgets/commits/{sha}/check-runs").json(),
                "repos/get-content": client.get("/repos/acme/widgets/contents/README.md").json(),
                "orgs/get-membership-for-user": client.get("/orgs/acme/memberships/alice").json(),
                "repos/list-branches": client.get("/repos/acme/widgets/branches").json()[0],
                "repos/get-branch": client.get("/repos/acme/widgets/branches/main").json(),
                "apps/list-repos-accessible-to-installation": client.get("/installation/repositories").json(),
            }
        )
    problems = {op: missing_keys(op, body) for op, body in checks.items()}
    assert {op: keys for op, keys in problems.items() if keys} == {}


@pytest.mark.parametrize(
    ("operation", "key"),
    [("repos/get", "owner"), ("pulls/get", "head"), ("checks/create", "app"), ("pulls/get", "user")],
)
def test_nested_objects_have_the_example_keys(world: World, operation: str, key: str) -> None:
    theirs = example(operation)[key]
    with api(world, installation_token(world)) as client:
        world.control.push("acme", "widgets", {"a": "b"}, branch="fix")
        sha = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
        ours = {
            "repos/get": lambda: client.get("/repos/acme/widgets").json(),
            "pulls/get": lambda: client.post(
                "/repos/acme/widgets/pulls", json={"title": "t", "head": "fix", "base": "main"}
            ).json(),
            "checks/create": lambda: client.post(
                "/repos/acme/widgets/check-runs", json={"name": "n", "head_sha": sha}
            ).json(),
        }[operation]()[key]
    assert set(theirs) - set(ours) <= {"email", "name", "starred_at", "user_view_type"}
