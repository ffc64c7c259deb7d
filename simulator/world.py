"""Shaping the simulated world: accounts, repositories, pushes, the app and its installations.

Each function takes the JSON body of a control call and holds no lock itself (the caller does).
"""

from __future__ import annotations

from typing import Any

from simulator import events, forks, ops
from simulator.state import Account, Installation, Repo, SimApp, SimState

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
    memberships: list[tuple[Account, str, str]] = []
    for org_login, role in (data.get("orgs") or {}).items():  # validate everything before changing anything
        org = state.account(org_login)
        if org is None or org.type != "Organization":
            raise BadInput(f"no organization {org_login}")
        member_state = "active"
        if isinstance(role, dict):
            role, member_state = role.get("role", "member"), role.get("state", "active")
        if role not in ("admin", "member") or member_state not in ("active", "pending"):
            raise BadInput("role must be admin|member and state active|pending")
        memberships.append((org, role, member_state))
    acc = state.account(data["login"])
    if acc is None:
        acc = Account(state.new_id(), data["login"], "User", data.get("name"), data.get("email"))
        state.accounts[acc.login.lower()] = acc
    for org, role, member_state in memberships:
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
        events.installation_repositories_event(state, "added", inst, [repo], owner.login)
    return {"id": repo.id, "full_name": repo.full_name, "head": repo.branch_sha(branch)}


def push(state: SimState, repo: Repo, data: dict[str, Any]) -> dict[str, Any]:
    branch = data.get("branch") or repo.default_branch
    author = data.get("author") or repo.owner
    sha = ops.commit_files(
        state, repo, branch, _files(data.get("files") or {}), data.get("message") or "Update", author
    )
    ops.move_ref(state, repo, f"refs/heads/{branch}", sha, author)
    return {"sha": sha, "branch": branch}


def fork(state: SimState, parent: Repo, data: dict[str, Any]) -> dict[str, Any]:
    """`owner` forks `parent` (optionally as `name`, or only its default branch)."""
    _need(data, "owner")
    try:
        repo = forks.create_fork(
            state,
            parent,
            str(data["owner"]),
            name=data.get("name"),
            default_branch_only=bool(data.get("default_branch_only")),
            sender=data.get("sender"),
        )
    except forks.ForkError as exc:
        raise BadInput(str(exc)) from exc
    return {"id": repo.id, "full_name": repo.full_name, "parent": parent.full_name}


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
    if data.get("budget_limit") is not None:  # requests/hour from the first request on
        state.budget_limit[inst.id] = int(data["budget_limit"])
    events.installation_event(state, "created", inst, data.get("sender") or inst.account)
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
    added = [_named(state, inst.account, n) for n in data.get("add") or []]
    removed = [_named(state, inst.account, n) for n in data.get("remove") or []]
    before = {r.id for r in state.installation_repos(inst)}
    if inst.repository_selection == "all":
        inst.repository_selection, inst.repo_ids = "selected", set(before)
    inst.repo_ids |= {r.id for r in added}
    inst.repo_ids -= {r.id for r in removed}
    if [r for r in added if r.id not in before]:
        events.installation_repositories_event(
            state, "added", inst, [r for r in added if r.id not in before], sender
        )
    if [r for r in removed if r.id in before]:
        events.installation_repositories_event(
            state, "removed", inst, [r for r in removed if r.id in before], sender
        )
    return {"repositories": sorted(r.full_name for r in state.installation_repos(inst))}


def set_repo_flags(state: SimState, repo: Repo, data: dict[str, Any]) -> dict[str, Any]:
    """Change flags like a maintainer would, with the `repository` events GitHub sends for them."""
    sender = data.get("sender") or repo.owner
    if "default_branch" in data and data["default_branch"] != repo.default_branch:
        if repo.branch_sha(data["default_branch"]) is None:
            raise BadInput(f"no branch {data['default_branch']}")
        old = repo.default_branch
        repo.default_branch = data["default_branch"]
        events.repository_event(state, "edited", repo, sender, {"default_branch": {"from": old}})
    if "archived" in data and bool(data["archived"]) != repo.archived:
        repo.archived = bool(data["archived"])
        events.repository_event(state, "archived" if repo.archived else "unarchived", repo, sender)
    if "private" in data and bool(data["private"]) != repo.private:
        repo.private = bool(data["private"])
        events.repository_event(state, "privatized" if repo.private else "publicized", repo, sender)
    if "fork" in data:
        repo.fork = bool(data["fork"])
    return {"full_name": repo.full_name, "archived": repo.archived, "default_branch": repo.default_branch}


def uninstall(state: SimState, inst_id: int, data: dict[str, Any]) -> dict[str, Any]:
    inst = state.installations.get(inst_id)
    if inst is None:
        raise BadInput(f"no installation {inst_id}")
    events.installation_event(state, "deleted", inst, data.get("sender") or inst.account)
    del state.installations[inst_id]
    for value, token in list(state.tokens.items()):
        if token.installation_id == inst_id:
            del state.tokens[value]
    return {"deleted": inst_id}
