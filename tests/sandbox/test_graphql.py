"""The GraphQL subset: aliased repository reads, partial NOT_FOUND errors, createCommitOnBranch."""

from __future__ import annotations

import base64

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy
from githubkit.exception import GraphQLFailed

from tests.sandbox.conftest import APP_ID, World, api, installation_token

BATCH = """
query Batch($owner: String!) {
  r0: repository(owner: $owner, name: "widgets") {
    nameWithOwner isArchived isFork isEmpty isSecurityPolicyEnabled
    defaultBranchRef { name target { oid } }
    sec: object(expression: "HEAD:SECURITY.md") { ... on Blob { text byteSize isTruncated } }
    readme: object(expression: "HEAD:README.md") { ... on Blob { text byteSize } }
    pullRequests(headRefName: "fix", states: [OPEN, CLOSED, MERGED], first: 5) {
      totalCount nodes { number state }
    }
  }
  r1: repository(owner: $owner, name: "missing") { isArchived }
  r2: repository(owner: $owner, name: "empty") { isEmpty defaultBranchRef { name } }
  rateLimit { cost remaining }
}
"""


def _post(world: World, query: str, variables: dict[str, object] | None = None) -> dict[str, object]:
    with api(world, installation_token(world)) as client:
        response = client.post("/graphql", json={"query": query, "variables": variables or {}})
        assert response.status_code == 200
        assert response.headers["x-ratelimit-resource"] == "graphql"
        return dict(response.json())


def test_batch_read_with_partial_errors(world: World) -> None:
    world.control.push("acme", "widgets", {"x": "y"}, branch="fix")
    answer = _post(world, BATCH, {"owner": "acme"})
    data = answer["data"]
    assert isinstance(data, dict)
    r0 = data["r0"]
    assert r0["nameWithOwner"] == "acme/widgets" and r0["isSecurityPolicyEnabled"] is False
    assert r0["sec"] is None and r0["readme"] == {"text": "# widgets\n", "byteSize": 10}
    assert r0["defaultBranchRef"]["name"] == "main" and len(r0["defaultBranchRef"]["target"]["oid"]) == 40
    assert r0["pullRequests"] == {"totalCount": 0, "nodes": []}
    assert data["r1"] is None and data["r2"] == {"isEmpty": True, "defaultBranchRef": None}
    assert data["rateLimit"]["cost"] == 1
    assert answer["errors"] == [
        {
            "message": "Could not resolve to a Repository with the name 'acme/missing'.",
            "path": ["r1"],
            "locations": [],
            "type": "NOT_FOUND",
        }
    ]


def test_unsupported_queries_are_graphql_errors(world: World) -> None:
    assert "errors" in _post(world, "{ viewer { login } }")
    assert "errors" in _post(world, '{ repository(owner: "acme", name: "widgets") { stargazerCount } }')
    assert "errors" in _post(world, "{ repository(owner: ")


MUTATION = """
mutation Commit($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}
"""


def _commit_input(head: str, branch: str = "main") -> dict[str, object]:
    return {
        "branch": {"repositoryNameWithOwner": "acme/widgets", "branchName": branch},
        "message": {"headline": "Add a security policy", "body": "Opened by repo-hygiene"},
        "expectedHeadOid": head,
        "fileChanges": {
            "additions": [
                {"path": "SECURITY.md", "contents": base64.b64encode(b"Report privately").decode()}
            ],
            "deletions": [{"path": "README.md"}],
        },
    }


def test_create_commit_on_branch(world: World) -> None:
    with api(world, installation_token(world)) as client:
        head = client.get("/repos/acme/widgets/git/ref/heads/main").json()["object"]["sha"]
    answer = _post(world, MUTATION, {"input": _commit_input(head)})
    oid = answer["data"]["createCommitOnBranch"]["commit"]["oid"]  # type: ignore[index]
    files = world.control.repo("acme", "widgets")["files"]
    assert files["SECURITY.md"] == "Report privately" and "README.md" not in files
    assert world.control.repo("acme", "widgets")["refs"]["refs/heads/main"] == oid
    stale = _post(world, MUTATION, {"input": _commit_input(head)})
    assert stale["data"] == {"createCommitOnBranch": None}
    assert "Expected branch to point to" in stale["errors"][0]["message"]  # type: ignore[index]
    missing = _post(world, MUTATION, {"input": _commit_input(oid, branch="nope")})
    assert missing["errors"][0]["type"] == "NOT_FOUND"  # type: ignore[index]
    world.control.wait_for_webhooks()
    assert ("push", None) in world.receiver.events()


@pytest.mark.anyio
async def test_githubkit_graphql_keeps_partial_data(world: World) -> None:
    gh = GitHub(
        AppAuthStrategy(str(APP_ID), world.private_key),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )
    async with gh:
        inst = gh.with_auth(gh.auth.as_installation(world.installation_id))
        ok = await inst.async_graphql('{ repository(owner: "acme", name: "widgets") { isArchived } }')
        assert ok == {"repository": {"isArchived": False}}
        with pytest.raises(GraphQLFailed) as failed:
            await inst.async_graphql(BATCH, {"owner": "acme"})
        assert failed.value.response.data["r0"]["nameWithOwner"] == "acme/widgets"  # type: ignore[index]
