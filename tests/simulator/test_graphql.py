"""POST /graphql: createCommitOnBranch as GitHub answers it, and the schema refusing everything else."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from githubkit import AppAuthStrategy, GitHub
from githubkit.cache import MemCacheStrategy
from githubkit.exception import GraphQLFailed

from tests.simulator.conftest import APP_ID, World, api, installation_token

MUTATION = """
mutation Commit($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}
"""


def _post(world: World, query: str, variables: dict[str, object] | None = None) -> dict[str, Any]:
    with api(world, installation_token(world)) as client:
        response = client.post("/graphql", json={"query": query, "variables": variables or {}})
        assert response.status_code == 200
        assert response.headers["x-ratelimit-resource"] == "graphql"
        return dict(response.json())


def _head(world: World, branch: str = "main") -> str:
    return str(world.control.repo("acme", "widgets")["refs"][f"refs/heads/{branch}"])


def _commit_input(head: str, branch: str = "main", **overrides: object) -> dict[str, object]:
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
        **overrides,
    }


def test_create_commit_on_branch(world: World) -> None:
    head = _head(world)
    answer = _post(world, MUTATION, {"input": _commit_input(head)})
    assert "errors" not in answer
    oid = answer["data"]["createCommitOnBranch"]["commit"]["oid"]
    files = world.control.repo("acme", "widgets")["files"]
    assert files["SECURITY.md"] == "Report privately" and "README.md" not in files
    assert _head(world) == oid
    assert answer["data"]["createCommitOnBranch"]["commit"]["url"].endswith(f"/acme/widgets/commit/{oid}")
    world.control.wait_for_webhooks()
    assert ("push", None) in world.receiver.events()


def test_refusals_keep_the_branch_and_name_their_type(world: World) -> None:
    head = _head(world)
    stale = _post(world, MUTATION, {"input": _commit_input("0" * 40)})
    assert stale["data"] == {"createCommitOnBranch": None}
    assert "Expected branch to point to" in stale["errors"][0]["message"]
    assert stale["errors"][0]["type"] == "STALE_DATA" and stale["errors"][0]["path"] == [
        "createCommitOnBranch"
    ]
    missing = _post(world, MUTATION, {"input": _commit_input(head, branch="nope")})
    assert missing["errors"][0]["type"] == "NOT_FOUND"
    elsewhere = {
        **_commit_input(head),
        "branch": {"repositoryNameWithOwner": "acme/absent", "branchName": "main"},
    }
    assert _post(world, MUTATION, {"input": elsewhere})["errors"][0]["type"] == "NOT_FOUND"
    gone = {"additions": [], "deletions": [{"path": "no-such-file"}]}
    assert (
        _post(world, MUTATION, {"input": _commit_input(head, fileChanges=gone)})["errors"][0]["type"]
        == "UNPROCESSABLE"
    )
    bad = {"additions": [{"path": "x", "contents": "not base64!"}]}
    assert (
        _post(world, MUTATION, {"input": _commit_input(head, fileChanges=bad)})["errors"][0]["type"]
        == "UNPROCESSABLE"
    )
    assert _head(world) == head


def test_the_schema_refuses_what_github_would(world: World) -> None:
    head = _head(world)
    no_headline = _commit_input(head, message={"body": "b"})
    refused = _post(world, MUTATION, {"input": no_headline})
    assert "data" not in refused and "headline" in refused["errors"][0]["message"]
    assert _post(world, MUTATION)["errors"][0]["message"].startswith("Variable '$input'")
    unknown_field = MUTATION.replace("oid url", "oid author")
    assert "author" in _post(world, unknown_field, {"input": _commit_input(head)})["errors"][0]["message"]
    assert "viewer" in _post(world, "{ viewer { login } }")["errors"][0]["message"]
    assert _post(world, '{ repository(owner: "acme", name: "widgets") { stargazerCount } }')["errors"]
    syntax = _post(world, "{ repository(owner: ")
    assert "Syntax Error" in syntax["errors"][0]["message"] and syntax["errors"][0]["locations"]
    assert _head(world) == head


def test_rate_limit_query(world: World) -> None:
    answer = _post(world, "{ rateLimit { cost limit remaining } }")
    assert answer == {
        "data": {
            "rateLimit": {"cost": 1, "limit": 5000, "remaining": answer["data"]["rateLimit"]["remaining"]}
        }
    }
    assert 0 < answer["data"]["rateLimit"]["remaining"] < 5000


def test_needs_an_installation_or_user_token(world: World) -> None:
    with api(world) as client:
        assert client.post("/graphql", json={"query": MUTATION}).status_code == 401


@pytest.mark.anyio
async def test_githubkit_commits_and_raises_on_a_stale_head(world: World) -> None:
    gh = GitHub(
        AppAuthStrategy(str(APP_ID), world.private_key),
        base_url=world.base_url,
        cache_strategy=MemCacheStrategy(),
        http_cache=False,
        auto_retry=False,
    )
    head = _head(world)
    async with gh:
        inst = gh.with_auth(gh.auth.as_installation(world.installation_id))
        done = await inst.async_graphql(MUTATION, {"input": _commit_input(head)})
        assert done["createCommitOnBranch"]["commit"]["oid"] == _head(world)
        with pytest.raises(GraphQLFailed) as failed:
            await inst.async_graphql(MUTATION, {"input": _commit_input(head)})
        assert failed.value.response.errors[0].type == "STALE_DATA"


BATCH = """
{
  a: repository(owner: "acme", name: "widgets") {
    databaseId nameWithOwner isArchived isFork isEmpty visibility
    defaultBranchRef { name target { oid ... on Commit { tree { oid } } } }
    readme: object(expression: "HEAD:README.md") { ... on Blob { oid text byteSize isBinary isTruncated } }
    missing: object(expression: "HEAD:nope.md") { oid }
  }
  gone: repository(owner: "acme", name: "nope") { databaseId }
}
"""


def test_batch_read_with_aliases_and_a_missing_repository(world: World) -> None:
    answer = _post(world, BATCH)
    repo = answer["data"]["a"]
    assert repo["nameWithOwner"] == "acme/widgets" and repo["visibility"] in ("PUBLIC", "PRIVATE")
    assert repo["defaultBranchRef"]["name"] == "main"
    assert repo["defaultBranchRef"]["target"]["oid"] == _head(world)
    readme = repo["readme"]
    assert readme["isBinary"] is False and readme["isTruncated"] is False
    assert readme["byteSize"] == len(readme["text"].encode())
    assert repo["missing"] is None
    assert answer["data"]["gone"] is None
    [error] = answer["errors"]
    assert error["type"] == "NOT_FOUND" and error["path"] == ["gone"]


def test_object_by_oid_is_the_same_blob(world: World) -> None:
    first = _post(world, BATCH)["data"]["a"]["readme"]
    query = '{ r: repository(owner: "acme", name: "widgets") { object(oid: "%s") { ... on Blob { text } } } }'
    assert _post(world, query % first["oid"])["data"]["r"]["object"]["text"] == first["text"]
