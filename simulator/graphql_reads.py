"""The read side of the simulator's GraphQL: `repository(owner:, name:)` and its git objects.

Answers take GitHub's shapes: a `Repository` with its flags, `defaultBranchRef { name target }` and
`object(expression: "HEAD:path")` or `object(oid:)`, resolving to a `Blob`, `Tree` or `Commit` (the
`GitObject` interface, told apart by `__typename`). A repository the caller may not see is `null`
with a `NOT_FOUND` error at its path, like GitHub; the other aliases of the query still answer.
"""

from __future__ import annotations

from typing import Any

from simulator.api import ApiError, Ctx
from simulator.gitstore import TreeEntry
from simulator.ops import resolve_commitish
from simulator.shapes import node_id
from simulator.state import PullRequest, Repo, iso


class ReadRefused(Exception):
    """A read GitHub refuses with a typed GraphQL error (NOT_FOUND, FORBIDDEN)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def visible_repo(ctx: Ctx, owner: str, name: str, permission: str) -> Repo:
    ctx.params.update(owner=owner, repo=name)
    try:
        return ctx.repo(permission, "read")
    except ApiError as error:
        if error.status == 404:
            raise ReadRefused(
                f"Could not resolve to a Repository with the name '{owner}/{name}'.", "NOT_FOUND"
            ) from error
        raise ReadRefused(error.message, "FORBIDDEN") from error


def _is_binary(data: bytes) -> bool:
    if b"\0" in data[:8000]:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _git_object(ctx: Ctx, repo: Repo, sha: str) -> dict[str, Any] | None:
    base = {
        "oid": sha,
        "abbreviatedOid": sha[:7],
        "commitUrl": f"{ctx.state.html_url}/{repo.full_name}/commit/{sha}",
    }
    kind = repo.git.kind_of(sha)
    if kind == "blob":
        data = repo.git.blobs[sha]
        binary = _is_binary(data)
        return {
            **base,
            "__typename": "Blob",
            "id": node_id("Blob", f"{repo.id}:{sha}"),
            "byteSize": len(data),
            "isBinary": binary,
            "isTruncated": False,
            "text": None if binary else data.decode("utf-8"),
        }
    if kind == "tree":
        entries = [_tree_entry(ctx, repo, entry) for entry in repo.git.trees[sha]]
        return {**base, "__typename": "Tree", "id": node_id("Tree", f"{repo.id}:{sha}"), "entries": entries}
    if kind == "commit":
        commit = repo.git.commits[sha]
        return {
            **base,
            "__typename": "Commit",
            "id": node_id("Commit", sha),
            "committedDate": commit.date,
            "message": commit.message,
            "url": base["commitUrl"],
            "tree": lambda _info: _git_object(ctx, repo, commit.tree),
        }
    return None


def _tree_entry(ctx: Ctx, repo: Repo, entry: TreeEntry) -> dict[str, Any]:
    size = len(repo.git.blobs[entry.sha]) if entry.type == "blob" else 0
    return {
        "name": entry.name,
        "oid": entry.sha,
        "type": entry.type,
        "mode": int(entry.mode, 8),
        "size": size,
        "object": lambda _info: _git_object(ctx, repo, entry.sha),
    }


def _at_path(repo: Repo, tree: str, path: str) -> str | None:
    sha = tree
    for part in (p for p in path.split("/") if p):
        entries = repo.git.trees.get(sha)
        found = next((e for e in entries or () if e.name == part), None)
        if found is None:
            return None
        sha = found.sha
    return sha


def resolve_expression(repo: Repo, expression: str) -> str | None:
    """The object a rev-parse expression names: `rev` or `rev:path`, `HEAD` being the default branch."""
    rev, sep, path = expression.partition(":")
    rev = rev or "HEAD"
    commit = repo.branch_sha(repo.default_branch) if rev == "HEAD" else resolve_commitish(repo, rev)
    if commit is None:
        return None
    if not sep:
        return commit
    return _at_path(repo, repo.git.commits[commit].tree, path)


def repository(ctx: Ctx, owner: str, name: str) -> dict[str, Any]:
    repo = visible_repo(ctx, owner, name, "metadata")
    account = ctx.state.account(repo.owner)
    owner_type = account.type if account is not None and account.type == "Organization" else "User"
    head = repo.branch_sha(repo.default_branch)
    url = f"{ctx.state.html_url}/{repo.full_name}"

    def lookup(_info: object, expression: str | None = None, oid: str | None = None) -> dict[str, Any] | None:
        readable = visible_repo(ctx, repo.owner, repo.name, "contents")
        if oid is not None:
            return _git_object(ctx, readable, oid)
        sha = resolve_expression(readable, expression or "")
        return _git_object(ctx, readable, sha) if sha is not None else None

    def pull_requests(
        _info: object,
        headRefName: str | None = None,
        states: list[str] | None = None,
        first: int | None = None,
        **_ignored: object,
    ) -> dict[str, Any]:
        if first is None or not 1 <= first <= 100:
            raise ReadRefused("You must provide a `first` value between 1 and 100.", "UNPROCESSABLE")
        found = [
            _pull_request(ctx, repo, pr)
            for (repo_id, _), pr in sorted(ctx.state.pulls.items(), key=lambda kv: kv[0][1])
            if repo_id == repo.id and (headRefName is None or pr.head == headRefName)
        ]
        found = [pr for pr in found if states is None or pr["state"] in states]
        return {"nodes": found[:first], "totalCount": len(found)}

    default_ref = (
        {
            "id": node_id("Ref", f"{repo.id}:{repo.default_branch}"),
            "name": repo.default_branch,
            "prefix": "refs/heads/",
            "target": lambda _info: _git_object(ctx, repo, head),
        }
        if head is not None
        else None
    )
    return {
        "id": node_id("Repository", repo.id),
        "databaseId": repo.id,
        "name": repo.name,
        "nameWithOwner": repo.full_name,
        "owner": {
            "__typename": owner_type,
            "id": node_id(owner_type, account.id if account else 0),
            "login": repo.owner,
            "url": f"{ctx.state.html_url}/{repo.owner}",
        },
        "url": url,
        "isArchived": repo.archived,
        "isFork": repo.fork,
        "isEmpty": repo.empty,
        "isPrivate": repo.private,
        "visibility": "PRIVATE" if repo.private else "PUBLIC",
        "defaultBranchRef": default_ref,
        "object": lookup,
        "pullRequests": pull_requests,
    }


def _pull_request(ctx: Ctx, repo: Repo, pr: PullRequest) -> dict[str, Any]:
    state = "MERGED" if pr.merged else pr.state.upper()
    return {
        "id": node_id("PullRequest", pr.id),
        "number": pr.number,
        "state": state,
        "title": pr.title,
        "body": pr.body or "",
        "url": f"{ctx.state.html_url}/{repo.full_name}/pull/{pr.number}",
        "mergedAt": iso(pr.merged_at) if pr.merged_at is not None else None,
        "headRefName": pr.head,
        "isCrossRepository": pr.head_repo != repo.id,
    }
