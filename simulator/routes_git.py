"""Git database endpoints: refs, trees, blobs, commits (reads and writes)."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from starlette.responses import Response

from simulator import ops
from simulator.api import (
    API,
    ApiError,
    Ctx,
    json_response,
    no_content,
    not_found,
    require,
    validation_failed,
)
from simulator.gitstore import TREE_MODE, TreeEntry
from simulator.shapes import git_commit, git_ref
from simulator.state import Repo

EMPTY = ApiError(409, "Git Repository is empty.", docs="https://docs.github.com/rest/git")


def _nonempty(ctx: Ctx, level: str = "read") -> Repo:
    repo = ctx.repo("contents", level)
    if repo.empty:
        raise EMPTY
    return repo


def _writer(ctx: Ctx) -> str:
    app = ctx.identity.app
    return app.bot_login if app and ctx.identity.kind == "installation" else (ctx.identity.user or "ghost")


@API.route("GET", "/repos/{owner}/{repo}/git/ref/{ref:path}")
async def get_ref(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    ref = "refs/" + ctx.params["ref"]
    if ref not in repo.refs:
        raise not_found()
    return json_response(git_ref(ctx.state, repo, ref, repo.refs[ref]))


@API.route("GET", "/repos/{owner}/{repo}/git/matching-refs/{ref:path}")
async def matching_refs(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    prefix = "refs/" + ctx.params["ref"]
    found = [git_ref(ctx.state, repo, r, s) for r, s in sorted(repo.refs.items()) if r.startswith(prefix)]
    return json_response(ctx.paginate(found))


@API.route("GET", "/repos/{owner}/{repo}/git/refs")
async def list_refs(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    return json_response(ctx.paginate([git_ref(ctx.state, repo, r, s) for r, s in sorted(repo.refs.items())]))


@API.route("POST", "/repos/{owner}/{repo}/git/refs")
async def create_ref(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    data = ctx.json()
    require(data, "ref", "sha")
    ref, sha = str(data["ref"]), str(data["sha"])
    if not ref.startswith("refs/") or ref.count("/") < 2:
        raise ApiError(422, "Reference name must start with 'refs/' and have at least two slashes.")
    if repo.empty:
        raise EMPTY
    if ref in repo.refs:
        raise ApiError(422, "Reference already exists")
    if sha not in repo.git.commits:
        raise ApiError(422, "Object does not exist")
    ops.move_ref(ctx.state, repo, ref, sha, _writer(ctx))
    return json_response(git_ref(ctx.state, repo, ref, sha), 201)


@API.route("PATCH", "/repos/{owner}/{repo}/git/refs/{ref:path}")
async def update_ref(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    if repo.empty:
        raise EMPTY
    data = ctx.json()
    require(data, "sha")
    ref, sha = "refs/" + ctx.params["ref"], str(data["sha"])
    if ref not in repo.refs:
        raise ApiError(422, "Reference does not exist")
    if sha not in repo.git.commits:
        raise ApiError(422, "Object does not exist")
    forced = not repo.git.is_ancestor(repo.refs[ref], sha)
    if forced and not data.get("force"):
        raise ApiError(422, "Update is not a fast forward")
    ops.move_ref(ctx.state, repo, ref, sha, _writer(ctx), forced=forced)
    return json_response(git_ref(ctx.state, repo, ref, sha))


@API.route("DELETE", "/repos/{owner}/{repo}/git/refs/{ref:path}")
async def delete_ref(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    if repo.empty:
        raise EMPTY
    ref = "refs/" + ctx.params["ref"]
    if ref not in repo.refs:
        raise ApiError(422, "Reference does not exist")
    ops.move_ref(ctx.state, repo, ref, ops.ZERO_SHA, _writer(ctx))
    return no_content()


def _tree_json(ctx: Ctx, repo: Repo, sha: str, recursive: bool) -> dict[str, Any]:
    api = f"{ctx.state.base_url}/repos/{repo.full_name}"
    listing = repo.git.walk(sha) if recursive else [(e.name, e) for e in repo.git.trees[sha]]
    entries = []
    for path, entry in listing:
        item: dict[str, Any] = {"path": path, "mode": entry.mode, "type": entry.type, "sha": entry.sha}
        if entry.type == "blob":
            item["size"] = len(repo.git.blobs[entry.sha])
            item["url"] = f"{api}/git/blobs/{entry.sha}"
        elif entry.type == "tree":
            item["url"] = f"{api}/git/trees/{entry.sha}"
        entries.append(item)
    return {"sha": sha, "url": f"{api}/git/trees/{sha}", "tree": entries, "truncated": False}


@API.route("GET", "/repos/{owner}/{repo}/git/trees/{sha:path}")
async def get_tree(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    sha = ctx.params["sha"]
    if sha not in repo.git.trees:
        commit = ops.resolve_commitish(repo, sha)
        if commit is None:
            raise not_found()
        sha = repo.git.commits[commit].tree
    recursive = ctx.query.get("recursive") not in (None, "", "0", "false")
    return json_response(_tree_json(ctx, repo, sha, recursive))


@API.route("GET", "/repos/{owner}/{repo}/git/blobs/{sha}")
async def get_blob(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    sha = ctx.params["sha"]
    data = repo.git.blobs.get(sha)
    if data is None:
        raise not_found()
    if "raw" in ctx.request.headers.get("accept", ""):
        return Response(data, media_type="application/vnd.github.raw")
    encoded = base64.encodebytes(data).decode()
    return json_response(
        {
            "content": encoded,
            "encoding": "base64",
            "url": f"{ctx.state.base_url}/repos/{repo.full_name}/git/blobs/{sha}",
            "sha": sha,
            "size": len(data),
            "node_id": f"blob:{sha}",
        }
    )


@API.route("GET", "/repos/{owner}/{repo}/git/commits/{sha}")
async def get_commit(ctx: Ctx) -> Response:
    repo = _nonempty(ctx)
    if ctx.params["sha"] not in repo.git.commits:
        raise not_found()
    return json_response(git_commit(ctx.state, repo, ctx.params["sha"]))


@API.route("POST", "/repos/{owner}/{repo}/git/blobs")
async def create_blob(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    data = ctx.json()
    require(data, "content")
    if repo.empty:
        raise EMPTY
    content = str(data["content"])
    if data.get("encoding", "utf-8") == "base64":
        try:
            raw = base64.b64decode(content, validate=False)
        except (binascii.Error, ValueError) as exc:
            raise validation_failed("content is not valid Base64", "Blob", "content") from exc
    elif data.get("encoding", "utf-8") in ("utf-8", "utf8"):
        raw = content.encode()
    else:
        raise validation_failed("encoding must be utf-8 or base64", "Blob", "encoding")
    sha = repo.git.put_blob(raw)
    url = f"{ctx.state.base_url}/repos/{repo.full_name}/git/blobs/{sha}"
    return json_response({"url": url, "sha": sha}, 201)


@API.route("POST", "/repos/{owner}/{repo}/git/trees")
async def create_tree(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    data = ctx.json()
    require(data, "tree")
    if repo.empty:
        raise EMPTY
    base = data.get("base_tree")
    if base is not None and base not in repo.git.trees:
        raise ApiError(422, "Invalid tree info", docs="https://docs.github.com/rest/git/trees")
    files = repo.git.files(base) if base else {}
    for item in data["tree"]:
        path = str(item.get("path", "")).strip("/")
        if not path:
            raise validation_failed("tree.path is required", "Tree", "path")
        mode = str(item.get("mode", "100644"))
        if mode == TREE_MODE or item.get("type") == "tree":
            raise validation_failed("subtree entries are not supported by the sandbox", "Tree", "mode")
        if "content" in item and item["content"] is not None:
            files[path] = (mode, repo.git.put_blob(str(item["content"]).encode()))
        elif item.get("sha") is None:
            files.pop(path, None)
        elif item["sha"] in repo.git.blobs:
            files[path] = (mode, str(item["sha"]))
        else:
            raise ApiError(422, f"tree.sha {item['sha']} is not a valid blob")
    sha = repo.git.tree_from_files(files)
    return json_response(_tree_json(ctx, repo, sha, False), 201)


@API.route("POST", "/repos/{owner}/{repo}/git/commits")
async def create_commit(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    data = ctx.json()
    require(data, "message", "tree")
    if repo.empty:
        raise EMPTY
    if data["tree"] not in repo.git.trees:
        raise ApiError(422, "Tree SHA does not exist")
    parents = [str(p) for p in data.get("parents") or []]
    if any(p not in repo.git.commits for p in parents):
        raise ApiError(422, "Parent SHA does not exist or is not a commit object")
    author = (data.get("author") or {}).get("name") or _writer(ctx)
    sha = ops.make_commit(ctx.state, repo, data["tree"], parents, str(data["message"]), author)
    return json_response(git_commit(ctx.state, repo, sha), 201)


def tree_entry_for(repo: Repo, commit_sha: str, path: str) -> TreeEntry | None:
    return repo.git.lookup(repo.git.commits[commit_sha].tree, path)
