"""Pull requests (create, get, list, update, merge, files) and issue comments."""

from __future__ import annotations

import difflib
from typing import Any

from starlette.responses import Response

from simulator import events, ops
from simulator.api import API, ApiError, Ctx, json_response, not_found, require
from simulator.forks import head_repo_for, pull_ref
from simulator.shapes_work import issue_comment, pull_request
from simulator.state import Comment, PullRequest, Repo, SimState


def _actor(ctx: Ctx) -> str:
    if ctx.identity.kind == "installation" and ctx.identity.app:
        return ctx.identity.app.bot_login
    return ctx.identity.user or "ghost"


def _pull(ctx: Ctx, repo: Repo) -> PullRequest:
    raw = ctx.params["number"]
    pr = ctx.state.pulls.get((repo.id, int(raw))) if raw.isdigit() else None
    if pr is None:
        raise not_found()
    return pr


@API.route("POST", "/repos/{owner}/{repo}/pulls")
async def create_pull(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests", "write")
    data = ctx.json()
    require(data, "head", "base")
    head_owner, _, head = str(data["head"]).rpartition(":")
    base = str(data["base"])
    source = head_repo_for(ctx.state, repo, head_owner) if head_owner else repo
    if not data.get("title") and not data.get("issue"):
        raise ApiError(
            422,
            "Validation Failed",
            errors=[{"resource": "Issue", "field": "title", "code": "missing_field"}],
        )
    errors = []
    if repo.branch_sha(base) is None:
        errors.append({"resource": "PullRequest", "field": "base", "code": "invalid"})
    if source is None or source.branch_sha(head) is None:
        errors.append({"resource": "PullRequest", "field": "head", "code": "invalid"})
    if errors or source is None:
        raise ApiError(422, "Validation Failed", errors=errors)
    for pr in ctx.state.pulls.values():
        same_head = pr.head_repo == source.id and pr.head == head
        if pr.repo_id == repo.id and pr.state == "open" and same_head and pr.base == base:
            message = f"A pull request already exists for {source.owner}:{head}."
            raise ApiError(
                422,
                "Validation Failed",
                errors=[{"resource": "PullRequest", "code": "custom", "message": message}],
            )
    if source.branch_sha(head) == repo.branch_sha(base):
        message = f"No commits between {base} and {head}"
        raise ApiError(
            422,
            "Validation Failed",
            errors=[{"resource": "PullRequest", "code": "custom", "message": message}],
        )
    title = str(data.get("title") or "")
    pr = open_pull(ctx.state, repo, head, base, title, data.get("body"), _actor(ctx), head_repo=source)
    pr.draft = bool(data.get("draft"))
    pr.maintainer_can_modify = bool(data.get("maintainer_can_modify", False))
    return json_response(pull_request(ctx.state, pr), 201)


def open_pull(
    state: SimState,
    repo: Repo,
    head: str,
    base: str,
    title: str,
    body: Any,
    by: str,
    *,
    head_repo: Repo | None = None,
) -> PullRequest:
    """Open a pull request into `repo`; `head_repo` is the fork holding `head` (default: `repo`)."""
    now = state.now()
    source = head_repo or repo
    head_sha, base_sha = source.branch_sha(head), repo.branch_sha(base)
    assert head_sha is not None and base_sha is not None
    number = state.next_issue_number(repo.id)
    pr = PullRequest(
        state.new_id(), number, repo.id, title, body, head, head_sha, base, base_sha, by, now, now
    )
    pr.head_repo_id = None if source.id == repo.id else source.id
    state.pulls[(repo.id, number)] = pr
    repo.refs[pull_ref(pr)] = head_sha
    events.pull_request_event(state, "opened", pr, by)
    return pr


@API.route("GET", "/repos/{owner}/{repo}/pulls")
async def list_pulls(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests")
    wanted = ctx.query.get("state", "open")
    head = ctx.query.get("head")
    base = ctx.query.get("base")
    found = []
    for pr in sorted(ctx.state.pulls.values(), key=lambda p: -p.number):
        if pr.repo_id != repo.id or (wanted != "all" and pr.state != wanted):
            continue
        label = f"{ctx.state.repos[pr.head_repo].owner}:{pr.head}"
        if head and head != label and head.lower() != label.lower():
            continue
        if base and base != pr.base:
            continue
        found.append(pull_request(ctx.state, pr))
    return json_response(ctx.paginate(found))


@API.route("GET", "/repos/{owner}/{repo}/pulls/{number}")
async def get_pull(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests")
    return json_response(pull_request(ctx.state, _pull(ctx, repo)))


@API.route("PATCH", "/repos/{owner}/{repo}/pulls/{number}")
async def update_pull(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests", "write")
    pr = _pull(ctx, repo)
    data = ctx.json()
    if "title" in data:
        pr.title = str(data["title"])
    if "body" in data:
        pr.body = data["body"]
    new_state = data.get("state")
    if new_state not in (None, "open", "closed"):
        raise ApiError(
            422,
            "Validation Failed",
            errors=[{"resource": "PullRequest", "field": "state", "code": "invalid"}],
        )
    pr.updated_at = ctx.state.now()
    if new_state and new_state != pr.state and not pr.merged:
        set_pull_state(ctx.state, pr, new_state, _actor(ctx))
    return json_response(pull_request(ctx.state, pr))


def set_pull_state(state: SimState, pr: PullRequest, new_state: str, by: str) -> None:
    if new_state == "open" and state.repos[pr.head_repo].branch_sha(pr.head) is None:
        raise ApiError(
            422,
            "Validation Failed",
            errors=[{"resource": "PullRequest", "code": "custom", "message": "head branch was deleted"}],
        )
    pr.state = new_state
    pr.closed_at = state.now() if new_state == "closed" else None
    pr.updated_at = state.now()
    events.pull_request_event(state, "closed" if new_state == "closed" else "reopened", pr, by)


def merge_pull(state: SimState, pr: PullRequest, by: str, message: str | None = None) -> str:
    """A merge commit on the base branch (file-level three-way merge), then push + closed events."""
    repo = state.repos[pr.repo_id]
    if pr.state != "open":
        raise ApiError(405, "Pull Request is not mergeable")
    base_head = repo.branch_sha(pr.base)
    assert base_head is not None
    git = repo.git
    base = git.merge_base(base_head, pr.head_sha)
    ancestor = git.files(git.commits[base].tree) if base else {}
    ours = git.files(git.commits[base_head].tree)
    theirs = git.files(git.commits[pr.head_sha].tree)
    merged = dict(ours)
    for path in set(ancestor) | set(theirs):
        if ancestor.get(path) == theirs.get(path):
            continue
        if ours.get(path) not in (ancestor.get(path), theirs.get(path)):
            raise ApiError(405, "Pull Request is not mergeable")
        if path in theirs:
            merged[path] = theirs[path]
        else:
            merged.pop(path, None)
    tree = git.tree_from_files(merged)
    head_owner = state.repos[pr.head_repo].owner
    text = message or f"Merge pull request #{pr.number} from {head_owner}/{pr.head}\n\n{pr.title}"
    sha = ops.make_commit(state, repo, tree, [base_head, pr.head_sha], text, by)
    pr.merged, pr.merged_at, pr.merged_by, pr.merge_commit_sha = True, state.now(), by, sha
    pr.state, pr.closed_at, pr.updated_at = "closed", state.now(), state.now()
    ops.move_ref(state, repo, f"refs/heads/{pr.base}", sha, by)
    events.pull_request_event(state, "closed", pr, by)
    return sha


@API.route("PUT", "/repos/{owner}/{repo}/pulls/{number}/merge")
async def merge(ctx: Ctx) -> Response:
    repo = ctx.repo("contents", "write")
    pr = _pull(ctx, repo)
    data = ctx.json()
    if data.get("sha") and data["sha"] != pr.head_sha:
        raise ApiError(409, "Head branch was modified. Review and try the merge again.")
    sha = merge_pull(ctx.state, pr, _actor(ctx), data.get("commit_message"))
    return json_response({"sha": sha, "merged": True, "message": "Pull Request successfully merged"})


def pull_files(state: SimState, pr: PullRequest) -> list[dict[str, Any]]:
    repo = state.repos[pr.repo_id]
    git = repo.git
    base = git.merge_base(pr.base_sha, pr.head_sha) or pr.base_sha
    before = git.files(git.commits[base].tree)
    after = git.files(git.commits[pr.head_sha].tree)
    out = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        status = "added" if path not in before else "removed" if path not in after else "modified"
        old = git.blobs[before[path][1]].decode(errors="replace").splitlines() if path in before else []
        new = git.blobs[after[path][1]].decode(errors="replace").splitlines() if path in after else []
        hunks = list(difflib.unified_diff(old, new, lineterm="", n=3))[2:]  # GitHub's patch: no file headers
        patch = "\n".join(hunks)
        added = sum(1 for line in hunks if line.startswith("+"))
        removed = sum(1 for line in hunks if line.startswith("-"))
        sha = after[path][1] if path in after else before[path][1]
        out.append(
            {
                "sha": sha,
                "filename": path,
                "status": status,
                "additions": added,
                "deletions": removed,
                "changes": added + removed,
                "blob_url": f"{state.html_url}/{repo.full_name}/blob/{pr.head_sha}/{path}",
                "raw_url": f"{state.base_url}/_sandbox/raw/{repo.full_name}/{pr.head_sha}/{path}",
                "contents_url": f"{state.base_url}/repos/{repo.full_name}/contents/{path}?ref={pr.head_sha}",
                "patch": patch,
            }
        )
    return out


@API.route("GET", "/repos/{owner}/{repo}/pulls/{number}/files")
async def list_files(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests")
    return json_response(ctx.paginate(pull_files(ctx.state, _pull(ctx, repo))))


@API.route("POST", "/repos/{owner}/{repo}/issues/{number}/comments")
async def create_comment(ctx: Ctx) -> Response:
    repo = ctx.repo("issues", "write") if _has(ctx, "issues") else ctx.repo("pull_requests", "write")
    number = int(ctx.params["number"]) if ctx.params["number"].isdigit() else 0
    if (repo.id, number) not in ctx.state.pulls:
        raise not_found()
    data = ctx.json()
    require(data, "body")
    comment = Comment(ctx.state.new_id(), repo.id, number, str(data["body"]), _actor(ctx), ctx.state.now())
    ctx.state.comments.append(comment)
    return json_response(issue_comment(ctx.state, comment), 201)


def _has(ctx: Ctx, permission: str) -> bool:
    token = ctx.identity.token
    return token is not None and token.kind == "installation" and permission in token.permissions


@API.route("GET", "/repos/{owner}/{repo}/issues/{number}/comments")
async def list_comments(ctx: Ctx) -> Response:
    repo = ctx.repo("pull_requests")
    number = int(ctx.params["number"]) if ctx.params["number"].isdigit() else 0
    found = [
        issue_comment(ctx.state, c) for c in ctx.state.comments if c.repo_id == repo.id and c.number == number
    ]
    return json_response(ctx.paginate(found))
