"""Repository endpoints: the repository itself, contents (read and write), commits and branches."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.responses import Response

from simulator import ops
from simulator.api import API, ApiError, Ctx, json_response, not_found, require, validation_failed
from simulator.gitstore import TreeEntry
from simulator.shapes import full_repository, git_commit, user
from simulator.state import Repo

CONTENTS_JSON_LIMIT = 1024 * 1024
TOO_LARGE = (
    "This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, "
    "but you can use the Git Data API to request blobs up to 100 MB in size."
)


@API.route("GET", "/repos/{owner}/{repo}")
async def get_repo(ctx: Ctx) -> Response:
    return json_response(full_repository(ctx.state, ctx.repo("metadata")))


@API.route("GET", "/repositories/{id}")
async def get_repo_by_id(ctx: Ctx) -> Response:
    repo = ctx.state.repos.get(int(ctx.params["id"])) if ctx.params["id"].isdigit() else None
    if repo is None:
        raise not_found()
    ctx.params.update(owner=repo.owner, repo=repo.name)
    return json_response(full_repository(ctx.state, ctx.repo("metadata")))


def _content_item(ctx: Ctx, repo: Repo, ref: str, path: str, entry: TreeEntry) -> dict[str, Any]:
    api = f"{ctx.state.base_url}/repos/{repo.full_name}"
    html = f"{ctx.state.html_url}/{repo.full_name}/{'tree' if entry.type == 'tree' else 'blob'}/{ref}/{path}"
    git_url = f"{api}/git/{'trees' if entry.type == 'tree' else 'blobs'}/{entry.sha}"
    kind = {"tree": "dir", "blob": "file", "commit": "submodule"}[entry.type]
    if entry.mode == "120000":
        kind = "symlink"
    is_file = entry.type == "blob"
    return {
        "type": kind,
        "size": len(repo.git.blobs[entry.sha]) if is_file else 0,
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": entry.sha,
        "url": f"{api}/contents/{path}?ref={ref}",
        "git_url": git_url,
        "html_url": html,
        "download_url": f"{ctx.state.base_url}/_sandbox/raw/{repo.full_name}/{ref}/{path}"
        if is_file
        else None,
        "_links": {"self": f"{api}/contents/{path}?ref={ref}", "git": git_url, "html": html},
    }


@API.route("GET", "/repos/{owner}/{repo}/contents")
@API.route("GET", "/repos/{owner}/{repo}/contents/{path:path}")
async def get_contents(ctx: Ctx) -> Response:
    repo = ctx.repo("contents")
    path = ctx.params.get("path", "").strip("/")
    if repo.empty:
        raise ApiError(404, "This repository is empty.")
    ref = ctx.query.get("ref") or repo.default_branch
    commit = ops.resolve_commitish(repo, ref)
    if commit is None:
        raise ApiError(404, f"No commit found for the ref {ref}")
    entry = repo.git.lookup(repo.git.commits[commit].tree, path)
    if entry is None:
        raise not_found()
    accept = ctx.request.headers.get("accept", "")
    if entry.type == "blob":
        data = repo.git.blobs[entry.sha]
        if "raw" in accept:
            return Response(data, media_type="application/vnd.github.raw")
        if len(data) > CONTENTS_JSON_LIMIT:
            too_large = [{"resource": "Blob", "field": "data", "code": "too_large"}]
            raise ApiError(403, TOO_LARGE, errors=too_large)
        item = _content_item(ctx, repo, ref, path, entry)
        item.update(content=base64.encodebytes(data).decode(), encoding="base64")
        return json_response(item)
    if entry.type != "tree":
        return json_response(_content_item(ctx, repo, ref, path, entry))
    prefix = f"{path}/" if path else ""
    listing = [_content_item(ctx, repo, ref, prefix + e.name, e) for e in repo.git.trees[entry.sha]]
    return json_response(listing[:1000])


@API.route("PUT", "/repos/{owner}/{repo}/contents/{path:path}")
async def put_contents(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    data = ctx.json()
    require(data, "message", "content")
    path = ctx.params["path"].strip("/")
    branch = str(data.get("branch") or repo.default_branch)
    try:
        content = base64.b64decode(str(data["content"]), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise validation_failed("content is not valid Base64", "Commit", "content") from exc
    head = repo.branch_sha(branch)
    if head is None and not repo.empty:
        raise ApiError(404, f"Branch {branch} not found")
    existing = repo.git.lookup(repo.git.commits[head].tree, path) if head else None
    if existing is not None and not data.get("sha"):
        raise ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
    if existing is not None and data["sha"] != existing.sha:
        raise ApiError(409, f"{path} does not match {data['sha']}")
    author = (
        ctx.identity.app.bot_login if ctx.identity.kind == "installation" and ctx.identity.app else "ghost"
    )
    sha = ops.commit_files(ctx.state, repo, branch, {path: content}, str(data["message"]), author)
    ops.move_ref(ctx.state, repo, f"refs/heads/{branch}", sha, author)
    entry = repo.git.lookup(repo.git.commits[sha].tree, path)
    assert entry is not None
    body = {
        "content": _content_item(ctx, repo, branch, path, entry),
        "commit": git_commit(ctx.state, repo, sha),
    }
    return json_response(body, 200 if existing else 201)


@API.route("GET", "/repos/{owner}/{repo}/commits/{ref}")
async def get_repo_commit(ctx: Ctx) -> Response:
    repo = ctx.repo("contents")
    if repo.empty:
        raise ApiError(409, "Git Repository is empty.")
    sha = ops.resolve_commitish(repo, ctx.params["ref"])
    if sha is None:
        raise ApiError(422, f"No commit found for SHA: {ctx.params['ref']}")
    commit = git_commit(ctx.state, repo, sha)
    api = f"{ctx.state.base_url}/repos/{repo.full_name}"
    parents = [
        {"sha": p["sha"], "url": f"{api}/commits/{p['sha']}", "html_url": p["html_url"]}
        for p in commit["parents"]
    ]
    body = {
        "url": f"{api}/commits/{sha}",
        "sha": sha,
        "node_id": commit["node_id"],
        "html_url": commit["html_url"],
        "comments_url": f"{api}/commits/{sha}/comments",
        "commit": {
            "url": commit["url"],
            "author": commit["author"],
            "committer": commit["committer"],
            "message": commit["message"],
            "tree": commit["tree"],
            "comment_count": 0,
            "verification": commit["verification"],
        },
        "author": None,
        "committer": None,
        "parents": parents,
        "stats": {"additions": 0, "deletions": 0, "total": 0},
        "files": [],
    }
    return json_response(body)


@API.route("GET", "/repos/{owner}/{repo}/branches")
async def list_branches(ctx: Ctx) -> Response:
    repo = ctx.repo("contents")
    api = f"{ctx.state.base_url}/repos/{repo.full_name}"
    unprotected = {"enabled": False, "required_status_checks": {"enforcement_level": "off", "contexts": []}}
    branches = [
        {
            "name": ref.removeprefix("refs/heads/"),
            "commit": {"sha": sha, "url": f"{api}/commits/{sha}"},
            "protected": False,
            "protection": unprotected,
            "protection_url": f"{api}/branches/{ref.removeprefix('refs/heads/')}/protection",
        }
        for ref, sha in sorted(repo.refs.items())
        if ref.startswith("refs/heads/")
    ]
    return json_response(ctx.paginate(branches))


@API.route("GET", "/repos/{owner}/{repo}/branches/{branch:path}")
async def get_branch(ctx: Ctx) -> Response:
    repo = ctx.repo("contents")
    sha = repo.branch_sha(ctx.params["branch"])
    if sha is None:
        raise ApiError(404, "Branch not found")
    api = f"{ctx.state.base_url}/repos/{repo.full_name}"
    commit = git_commit(ctx.state, repo, sha)
    body = {
        "name": ctx.params["branch"],
        "commit": {
            "sha": sha,
            "node_id": commit["node_id"],
            "url": f"{api}/commits/{sha}",
            "html_url": commit["html_url"],
            "comments_url": f"{api}/commits/{sha}/comments",
            "commit": {
                k: commit[k] for k in ("url", "author", "committer", "message", "tree", "verification")
            }
            | {"comment_count": 0},
            "author": None,
            "committer": None,
            "parents": [{"sha": p["sha"], "url": p["url"]} for p in commit["parents"]],
        },
        "_links": {"self": f"{api}/branches/{ctx.params['branch']}", "html": commit["html_url"]},
        "protected": False,
        "protection": {
            "enabled": False,
            "required_status_checks": {"enforcement_level": "off", "contexts": []},
        },
        "protection_url": f"{api}/branches/{ctx.params['branch']}/protection",
    }
    return json_response(body)


@API.route("GET", "/users/{username}")
async def get_user(ctx: Ctx) -> Response:
    acc = ctx.state.account(ctx.params["username"])
    if acc is None:
        raise not_found()
    return json_response(user(ctx.state, acc.login) | {"name": acc.name, "email": acc.email})
