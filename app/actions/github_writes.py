"""The GitHub calls behind the SECURITY.md pull request, on an entered `githubkit.GitHub`.

Commits are made with GraphQL `createCommitOnBranch` rather than the git data API
(blobs/tree/commit/PATCH ref): it is one call for any number of files, GitHub signs the commit (so it
passes rulesets that require verified signatures, which a git-data commit from an App would fail),
and `expectedHeadOid` rejects a concurrent writer instead of silently overwriting it.
Only where the GraphQL endpoint does not exist (HTTP 404: an old GitHub Enterprise Server or a
simulator without GraphQL) the same single commit is made with the git data API instead, with a
fast-forward-only ref update so a concurrent writer still makes it fail rather than lose work.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from githubkit import GitHub
from githubkit.exception import RequestFailed

COMMIT_MUTATION = """
mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}
"""


def failure(exc: RequestFailed) -> tuple[int, str]:
    """Status code and GitHub's message of a failed request, including validation error details
    (a 422 says "Validation Failed" and puts "A pull request already exists ..." in `errors`)."""
    response = exc.response
    try:
        body = response.json()
    except ValueError:
        return response.status_code, response.text[:200]
    if not isinstance(body, dict):
        return response.status_code, ""
    details = [str(e.get("message", "")) for e in body.get("errors") or [] if isinstance(e, dict)]
    return response.status_code, "; ".join([str(body.get("message", "")), *details])


async def list_prs_for_branch(gh: GitHub[Any], owner: str, repo: str, branch: str) -> list[dict[str, Any]]:
    """Every PR (open, closed, merged) whose head is `owner:branch`, newest first."""
    response = await gh.arequest(
        "GET",
        f"/repos/{owner}/{repo}/pulls",
        params={"head": f"{owner}:{branch}", "state": "all", "per_page": 100},
    )
    prs = [p for p in response.json() if p.get("head", {}).get("ref") == branch]
    return sorted(prs, key=lambda p: int(p["number"]), reverse=True)


async def ref_sha(gh: GitHub[Any], owner: str, repo: str, branch: str) -> str | None:
    try:
        response = await gh.arequest("GET", f"/repos/{owner}/{repo}/git/ref/heads/{branch}")
    except RequestFailed as exc:
        if failure(exc)[0] == 404:
            return None
        raise
    return str(response.json()["object"]["sha"])


async def create_branch(gh: GitHub[Any], owner: str, repo: str, branch: str, sha: str) -> bool:
    """Create the branch at `sha`; False when it already exists (422 "Reference already exists")."""
    try:
        await gh.arequest(
            "POST", f"/repos/{owner}/{repo}/git/refs", json={"ref": f"refs/heads/{branch}", "sha": sha}
        )
    except RequestFailed as exc:
        status, message = failure(exc)
        if status == 422 and "already exists" in message.lower():
            return False
        raise
    return True


async def reset_branch(gh: GitHub[Any], owner: str, repo: str, branch: str, sha: str) -> None:
    await gh.arequest(
        "PATCH", f"/repos/{owner}/{repo}/git/refs/heads/{branch}", json={"sha": sha, "force": True}
    )


async def delete_branch(gh: GitHub[Any], owner: str, repo: str, branch: str) -> None:
    try:
        await gh.arequest("DELETE", f"/repos/{owner}/{repo}/git/refs/heads/{branch}")
    except RequestFailed as exc:
        if failure(exc)[0] not in (404, 422):  # already gone
            raise


async def commit_parent(gh: GitHub[Any], owner: str, repo: str, sha: str) -> list[str]:
    response = await gh.arequest("GET", f"/repos/{owner}/{repo}/git/commits/{sha}")
    return [str(p["sha"]) for p in response.json().get("parents", [])]


async def read_file(gh: GitHub[Any], owner: str, repo: str, path: str, ref: str) -> bytes | None:
    try:
        response = await gh.arequest("GET", f"/repos/{owner}/{repo}/contents/{path}", params={"ref": ref})
    except RequestFailed as exc:
        if failure(exc)[0] == 404:
            return None
        raise
    body = response.json()
    if not isinstance(body, dict) or body.get("type") != "file" or "content" not in body:
        return None
    return base64.b64decode(body["content"])


async def commit_files(
    gh: GitHub[Any],
    owner: str,
    repo: str,
    branch: str,
    expected_head: str,
    files: Mapping[str, str],
    message: str,
) -> str:
    """One signed commit on `branch` adding/replacing `files`; returns the new commit sha."""
    try:
        return await _commit_graphql(gh, owner, repo, branch, expected_head, files, message)
    except RequestFailed as exc:
        if failure(exc)[0] != 404:
            raise
    return await _commit_git_data(gh, owner, repo, branch, expected_head, files, message)


async def _commit_git_data(
    gh: GitHub[Any],
    owner: str,
    repo: str,
    branch: str,
    expected_head: str,
    files: Mapping[str, str],
    message: str,
) -> str:
    parent = (await gh.arequest("GET", f"/repos/{owner}/{repo}/git/commits/{expected_head}")).json()
    entries = [
        {"path": path, "mode": "100644", "type": "blob", "content": content}
        for path, content in sorted(files.items())
    ]
    tree = await gh.arequest(
        "POST", f"/repos/{owner}/{repo}/git/trees", json={"base_tree": parent["tree"]["sha"], "tree": entries}
    )
    commit = await gh.arequest(
        "POST",
        f"/repos/{owner}/{repo}/git/commits",
        json={"message": message, "tree": tree.json()["sha"], "parents": [expected_head]},
    )
    sha = str(commit.json()["sha"])
    await gh.arequest(
        "PATCH", f"/repos/{owner}/{repo}/git/refs/heads/{branch}", json={"sha": sha, "force": False}
    )
    return sha


async def _commit_graphql(
    gh: GitHub[Any],
    owner: str,
    repo: str,
    branch: str,
    expected_head: str,
    files: Mapping[str, str],
    message: str,
) -> str:
    headline, _, body = message.partition("\n\n")
    additions = [
        {"path": path, "contents": base64.b64encode(content.encode("utf-8")).decode("ascii")}
        for path, content in sorted(files.items())
    ]
    data = await gh.async_graphql(
        COMMIT_MUTATION,
        {
            "input": {
                "branch": {"repositoryNameWithOwner": f"{owner}/{repo}", "branchName": branch},
                "expectedHeadOid": expected_head,
                "message": {"headline": headline, "body": body},
                "fileChanges": {"additions": additions},
            }
        },
    )
    return str(data["createCommitOnBranch"]["commit"]["oid"])


async def create_pr(
    gh: GitHub[Any], owner: str, repo: str, branch: str, base: str, title: str, body: str
) -> dict[str, Any] | None:
    """The new PR, or None when one is already open for this head (422 "A pull request already exists")."""
    try:
        response = await gh.arequest(
            "POST",
            f"/repos/{owner}/{repo}/pulls",
            json={"title": title, "head": branch, "base": base, "body": body, "maintainer_can_modify": True},
        )
    except RequestFailed as exc:
        status, message = failure(exc)
        if status == 422 and "already exists" in message.lower():
            return None
        raise
    result: dict[str, Any] = response.json()
    return result


async def update_pr(gh: GitHub[Any], owner: str, repo: str, number: int, **fields: Any) -> dict[str, Any]:
    response = await gh.arequest("PATCH", f"/repos/{owner}/{repo}/pulls/{number}", json=fields)
    result: dict[str, Any] = response.json()
    return result


async def comment_once(gh: GitHub[Any], owner: str, repo: str, number: int, body: str) -> bool:
    """Post `body` unless the same text is already among the latest comments (a retried job)."""
    path = f"/repos/{owner}/{repo}/issues/{number}/comments"
    existing = (await gh.arequest("GET", path, params={"per_page": 100})).json()
    if any(isinstance(c, dict) and c.get("body") == body for c in existing):
        return False
    await gh.arequest("POST", path, json={"body": body})
    return True
