"""The control API under /_sandbox/ (JSON), used by tests and the demo to shape and inspect the world."""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.sandbox import faults, inspect, ops, webhooks
from app.sandbox.api import ApiError
from app.sandbox.routes_pulls import merge_pull, set_pull_state
from app.sandbox.state import Account, Installation, Repo, SimApp, SimState

DEFAULT_PERMISSIONS = {
    "metadata": "read",
    "contents": "write",
    "pull_requests": "write",
    "checks": "write",
    "members": "read",
}
DEFAULT_EVENTS = ["push", "pull_request", "check_suite", "check_run", "repository"]


class BadInput(Exception):
    pass


def _need(data: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if not data.get(n)]
    if missing:
        raise BadInput(f"missing field(s): {', '.join(missing)}")


def _repo(state: SimState, request: Request) -> Repo:
    repo = state.repo_by_name(request.path_params["owner"], request.path_params["repo"])
    if repo is None:
        raise BadInput(f"no repository {request.path_params['owner']}/{request.path_params['repo']}")
    return repo


def _files(raw: Any) -> dict[str, bytes | None]:
    if not isinstance(raw, dict):
        raise BadInput("files must be an object {path: text or null}")
    return {str(p): (None if v is None else str(v).encode()) for p, v in raw.items()}


def create_org(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    _need(data, "login")
    if state.account(data["login"]):
        raise BadInput(f"account {data['login']} exists")
    acc = Account(state.new_id(), data["login"], "Organization", data.get("name"))
    state.accounts[acc.login.lower()] = acc
    return {"id": acc.id, "login": acc.login}


def create_user(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    _need(data, "login")
    acc = state.account(data["login"])
    if acc is None:
        acc = Account(state.new_id(), data["login"], "User", data.get("name"), data.get("email"))
        state.accounts[acc.login.lower()] = acc
    for org_login, role in (data.get("orgs") or {}).items():
        org = state.account(org_login)
        if org is None or org.type != "Organization":
            raise BadInput(f"no organization {org_login}")
        member_state = "active"
        if isinstance(role, dict):
            role, member_state = role.get("role", "member"), role.get("state", "active")
        if role not in ("admin", "member") or member_state not in ("active", "pending"):
            raise BadInput("role must be admin|member and state active|pending")
        org.members[acc.login.lower()] = (role, member_state)
    return {"id": acc.id, "login": acc.login}


def create_repo(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    _need(data, "owner", "name")
    if state.account(data["owner"]) is None:
        raise BadInput(f"no account {data['owner']}; create the org or user first")
    if state.repo_by_name(data["owner"], data["name"]):
        raise BadInput(f"repository {data['owner']}/{data['name']} exists")
    now = state.now()
    branch = data.get("default_branch") or "main"
    owner = state.account(data["owner"])
    assert owner is not None
    repo = Repo(
        state.new_id(),
        owner.login,
        data["name"],
        branch,
        fork=bool(data.get("fork")),
        private=bool(data.get("private")),
        description=data.get("description"),
        created_at=now,
        pushed_at=now,
    )
    files = _files(data.get("files") or {"README.md": f"# {repo.name}\n"})
    if not data.get("empty"):
        sha = ops.commit_files(
            state, repo, branch, files, "Initial commit", data.get("author") or owner.login
        )
        repo.refs[f"refs/heads/{branch}"] = sha
    repo.archived = bool(data.get("archived"))
    state.repos[repo.id] = repo
    inst = state.installation_for_account(repo.owner)
    if inst is not None and inst.repository_selection == "all":  # GitHub tells "all" installations
        webhooks.installation_repositories_event(state, "added", inst, [repo], owner.login)
    return {"id": repo.id, "full_name": repo.full_name, "head": repo.branch_sha(branch)}


def push(state: SimState, repo: Repo, data: dict[str, Any]) -> dict[str, Any]:
    branch = data.get("branch") or repo.default_branch
    author = data.get("author") or repo.owner
    sha = ops.commit_files(
        state, repo, branch, _files(data.get("files") or {}), data.get("message") or "Update", author
    )
    ops.move_ref(state, repo, f"refs/heads/{branch}", sha, author)
    return {"sha": sha, "branch": branch}


def register_app(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    _need(data, "public_key_pem", "webhook_secret")
    app_id = int(data.get("id") or state.new_id())
    slug = data.get("slug") or "repo-hygiene"
    app = SimApp(
        id=app_id,
        slug=slug,
        name=data.get("name") or slug,
        client_id=data.get("client_id") or f"Iv1.sandbox{app_id}",
        client_secret=data.get("client_secret") or "sandbox-client-secret",
        public_key_pem=data["public_key_pem"],
        webhook_url=data.get("webhook_url"),
        webhook_secret=data["webhook_secret"],
        permissions=dict(data.get("permissions") or DEFAULT_PERMISSIONS),
        events=list(data.get("events") or DEFAULT_EVENTS),
        owner=data.get("owner") or "sandbox",
        callback_urls=list(data.get("callback_urls") or []),
        hook_id=state.new_id(),
    )
    state.apps.clear()
    state.apps[app.id] = app
    bot = f"{slug}[bot]"
    if not state.account(bot):
        state.accounts[bot.lower()] = Account(state.new_id(), bot, "Bot")
    return {"id": app.id, "slug": app.slug, "client_id": app.client_id}


def install(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    _need(data, "account")
    app = state.the_app()
    if app is None:
        raise BadInput("register the app first")
    if state.account(data["account"]) is None:
        raise BadInput(f"no account {data['account']}")
    if state.installation_for_account(data["account"]):
        raise BadInput(f"the app is already installed on {data['account']}")
    selected = data.get("repositories", "all")
    inst = Installation(
        state.new_id(),
        app.id,
        state.account(data["account"]).login,  # type: ignore[union-attr]
        "all" if selected == "all" else "selected",
        set(),
        dict(data.get("permissions") or app.permissions),
        list(data.get("events") or app.events),
        state.now(),
    )
    if selected != "all":
        inst.repo_ids = {_named(state, inst.account, n).id for n in selected}
    state.installations[inst.id] = inst
    webhooks.installation_event(state, "created", inst, data.get("sender") or inst.account)
    return {"id": inst.id}


def _named(state: SimState, owner: str, name: str) -> Repo:
    repo = state.repo_by_name(owner, name)
    if repo is None:
        raise BadInput(f"no repository {owner}/{name}")
    return repo


def change_installation_repos(state: SimState, inst_id: int, data: dict[str, Any]) -> dict[str, Any]:
    inst = state.installations.get(inst_id)
    if inst is None:
        raise BadInput(f"no installation {inst_id}")
    sender = data.get("sender") or inst.account
    before = {r.id for r in state.installation_repos(inst)}
    if inst.repository_selection == "all":
        inst.repository_selection, inst.repo_ids = "selected", set(before)
    added = [_named(state, inst.account, n) for n in data.get("add") or []]
    removed = [_named(state, inst.account, n) for n in data.get("remove") or []]
    inst.repo_ids |= {r.id for r in added}
    inst.repo_ids -= {r.id for r in removed}
    if [r for r in added if r.id not in before]:
        webhooks.installation_repositories_event(
            state, "added", inst, [r for r in added if r.id not in before], sender
        )
    if [r for r in removed if r.id in before]:
        webhooks.installation_repositories_event(
            state, "removed", inst, [r for r in removed if r.id in before], sender
        )
    return {"repositories": sorted(r.full_name for r in state.installation_repos(inst))}


def routes() -> list[Route]:
    def endpoint(
        fn: Callable[[SimState, Request, dict[str, Any]], Any],
    ) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            state: SimState = request.app.state.sim
            raw = await request.body()
            try:
                data = json.loads(raw) if raw else {}
                if not isinstance(data, dict):
                    raise BadInput("the body must be a JSON object")
                if fn is wait_drained:
                    return JSONResponse(await fn(state, request, data))
                with state.lock:
                    return JSONResponse(fn(state, request, data))
            except (BadInput, ValueError, KeyError, TypeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            except ApiError as exc:
                return JSONResponse({"error": exc.message, "status": exc.status}, status_code=409)

        return handle

    def r(path: str, fn: Callable[..., Any], method: str = "POST") -> Route:
        return Route(f"/_sandbox{path}", endpoint(fn), methods=[method])

    return [
        r("/reset", lambda s, q, d: (s.reset(), {"ok": True})[1]),
        r("/apps", lambda s, q, d: register_app(s, d)),
        r("/orgs", lambda s, q, d: create_org(s, d)),
        r("/users", lambda s, q, d: create_user(s, d)),
        r("/repos", lambda s, q, d: create_repo(s, d)),
        r("/repos/{owner}/{repo}", lambda s, q, d: set_repo_flags(s, _repo(s, q), d), "PATCH"),
        r("/repos/{owner}/{repo}/push", lambda s, q, d: push(s, _repo(s, q), d)),
        r("/repos/{owner}/{repo}/pulls/{number:int}/merge", lambda s, q, d: pr_action(s, q, d, "merge")),
        r("/repos/{owner}/{repo}/pulls/{number:int}/close", lambda s, q, d: pr_action(s, q, d, "close")),
        r("/repos/{owner}/{repo}/pulls/{number:int}/reopen", lambda s, q, d: pr_action(s, q, d, "reopen")),
        r("/repos/{owner}/{repo}", lambda s, q, d: inspect.repo_state(s, _repo(s, q)), "GET"),
        r("/installations", lambda s, q, d: install(s, d)),
        r(
            "/installations/{id:int}/repositories",
            lambda s, q, d: change_installation_repos(s, q.path_params["id"], d),
        ),
        r("/installations/{id:int}", lambda s, q, d: uninstall(s, q.path_params["id"], d), "DELETE"),
        r("/installations/{id:int}/budget", lambda s, q, d: set_budget(s, q.path_params["id"], d)),
        r("/oauth/user", lambda s, q, d: set_signed_in(s, d)),
        r("/state", lambda s, q, d: inspect.summary(s), "GET"),
        r("/calls", lambda s, q, d: inspect.calls(s), "GET"),
        r("/calls", lambda s, q, d: (s.calls.clear(), {"ok": True})[1], "DELETE"),
        r("/unsupported", lambda s, q, d: {"requests": list(s.unsupported)}, "GET"),
        r("/deliveries", lambda s, q, d: inspect.deliveries(s), "GET"),
        r("/deliveries/{id:int}/redeliver", lambda s, q, d: resend(s, q.path_params["id"], False)),
        r("/deliveries/{id:int}/duplicate", lambda s, q, d: resend(s, q.path_params["id"], True)),
        r("/webhooks/drain", wait_drained),
        r("/webhooks", lambda s, q, d: set_webhooks(s, d), "PATCH"),
        r("/faults", lambda s, q, d: {"id": faults.add_fault(s, d).id}),
        r("/faults", lambda s, q, d: (s.faults.clear(), {"ok": True})[1], "DELETE"),
        r("/clock", lambda s, q, d: advance_clock(s, d)),
        r("/check-runs/{id:int}/rerequest", lambda s, q, d: check_run_click(s, q.path_params["id"], d, None)),
        r(
            "/check-runs/{id:int}/action",
            lambda s, q, d: check_run_click(s, q.path_params["id"], d, d.get("identifier")),
        ),
    ]


def set_repo_flags(state: SimState, repo: Repo, data: dict[str, Any]) -> dict[str, Any]:
    """Change flags like a maintainer would, with the `repository` events GitHub sends for them."""
    sender = data.get("sender") or repo.owner
    if "default_branch" in data and data["default_branch"] != repo.default_branch:
        if repo.branch_sha(data["default_branch"]) is None:
            raise BadInput(f"no branch {data['default_branch']}")
        old = repo.default_branch
        repo.default_branch = data["default_branch"]
        webhooks.repository_event(state, "edited", repo, sender, {"default_branch": {"from": old}})
    if "archived" in data and bool(data["archived"]) != repo.archived:
        repo.archived = bool(data["archived"])
        webhooks.repository_event(state, "archived" if repo.archived else "unarchived", repo, sender)
    if "private" in data and bool(data["private"]) != repo.private:
        repo.private = bool(data["private"])
        webhooks.repository_event(state, "privatized" if repo.private else "publicized", repo, sender)
    if "fork" in data:
        repo.fork = bool(data["fork"])
    return {"full_name": repo.full_name, "archived": repo.archived, "default_branch": repo.default_branch}


def uninstall(state: SimState, inst_id: int, data: dict[str, Any]) -> dict[str, Any]:
    inst = state.installations.get(inst_id)
    if inst is None:
        raise BadInput(f"no installation {inst_id}")
    webhooks.installation_event(state, "deleted", inst, data.get("sender") or inst.account)
    del state.installations[inst_id]
    for value, token in list(state.tokens.items()):
        if token.installation_id == inst_id:
            del state.tokens[value]
    return {"deleted": inst_id}


def pr_action(state: SimState, request: Request, data: dict[str, Any], action: str) -> dict[str, Any]:
    repo = _repo(state, request)
    pr = state.pulls.get((repo.id, request.path_params["number"]))
    if pr is None:
        raise BadInput("no such pull request")
    by = data.get("by") or repo.owner
    if action == "merge":
        return {"sha": merge_pull(state, pr, by)}
    set_pull_state(state, pr, "closed" if action == "close" else "open", by)
    return {"state": pr.state}


def set_budget(state: SimState, inst_id: int, data: dict[str, Any]) -> dict[str, Any]:
    state.budget_limit[inst_id] = int(data.get("limit", 5000))
    if data.get("reset_used"):
        state.budget_used.pop(f"installation:{inst_id}:core", None)
    return {"installation_id": inst_id, "limit": state.budget_limit[inst_id]}


def set_signed_in(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    login = data.get("login")
    if login is not None and state.account(login) is None:
        raise BadInput(f"no user {login}")
    state.signed_in_user = login
    return {"login": login}


def set_webhooks(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    app = state.the_app()
    if "enabled" in data:
        state.webhooks_enabled = bool(data["enabled"])
    if "url" in data and app is not None:
        app.webhook_url = data["url"]
    return {"enabled": state.webhooks_enabled, "url": app.webhook_url if app else None}


def resend(state: SimState, delivery_id: int, duplicate: bool) -> dict[str, Any]:
    original = next((d for d in state.deliveries if d.id == delivery_id), None)
    if original is None:
        raise BadInput(f"no delivery {delivery_id}")
    if duplicate:
        copy = webhooks.record(
            state, original.event, json.loads(original.body), guid=str(uuid.uuid4()), body=original.body
        )
    else:
        copy = webhooks.redeliver(state, original)
    return {"id": copy.id if copy else None, "guid": copy.guid if copy else None}


async def wait_drained(state: SimState, request: Request, data: dict[str, Any]) -> dict[str, Any]:
    import anyio

    outbox: webhooks.Outbox | None = getattr(state, "outbox", None)
    timeout = float(data.get("timeout", 10))
    drained = True if outbox is None else await anyio.to_thread.run_sync(outbox.drain, timeout)
    return {"drained": drained}


def advance_clock(state: SimState, data: dict[str, Any]) -> dict[str, Any]:
    state.clock_offset += float(data.get("seconds", 0))
    return {"offset": state.clock_offset}


def check_run_click(
    state: SimState, run_id: int, data: dict[str, Any], identifier: str | None
) -> dict[str, Any]:
    run = state.check_runs.get(run_id)
    if run is None:
        raise BadInput(f"no check run {run_id}")
    by = data.get("by") or state.repos[run.repo_id].owner
    if run.status != "completed":
        raise BadInput(f"check run {run_id} has not completed; GitHub offers no re-run or action buttons yet")
    if identifier is None:
        webhooks.check_run_event(state, "rerequested", run, by)
        return {"event": "rerequested"}
    if not any(a.get("identifier") == identifier for a in run.actions):
        raise BadInput(f"check run {run_id} has no action {identifier!r}")
    webhooks.check_run_event(state, "requested_action", run, by, {"identifier": identifier})
    return {"event": "requested_action"}
