"""The control API under /_sandbox/ (JSON), used by tests and the demo to shape and inspect the world."""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from simulator import events, faults, inspect, webhooks
from simulator.api import ApiError
from simulator.forks import head_repo_for
from simulator.renames import delete_org, rename_account
from simulator.routes_pulls import merge_pull, open_pull, set_pull_state
from simulator.state import Repo, SimState
from simulator.world import (
    BadInput,
    change_installation_repos,
    create_org,
    create_repo,
    create_user,
    fork,
    install,
    push,
    register_app,
    set_repo_flags,
    uninstall,
)


def _repo(state: SimState, request: Request) -> Repo:
    repo = state.repo_by_name(request.path_params["owner"], request.path_params["repo"])
    if repo is None:
        raise BadInput(f"no repository {request.path_params['owner']}/{request.path_params['repo']}")
    return repo


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
        r("/accounts/{login}/rename", lambda s, q, d: rename_account(s, q.path_params["login"], d)),
        r("/orgs/{login}", lambda s, q, d: delete_org(s, q.path_params["login"], d), "DELETE"),
        r("/repos", lambda s, q, d: create_repo(s, d)),
        r("/repos/{owner}/{repo}", lambda s, q, d: set_repo_flags(s, _repo(s, q), d), "PATCH"),
        r("/repos/{owner}/{repo}/push", lambda s, q, d: push(s, _repo(s, q), d)),
        r("/repos/{owner}/{repo}/forks", lambda s, q, d: fork(s, _repo(s, q), d)),
        r("/repos/{owner}/{repo}/pulls", lambda s, q, d: open_pull_as(s, _repo(s, q), d)),
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
        r("/calls", lambda s, q, d: (s.calls.clear(), s.not_modified.clear(), {"ok": True})[2], "DELETE"),
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


def open_pull_as(state: SimState, repo: Repo, data: dict[str, Any]) -> dict[str, Any]:
    """A person opens a pull request (`pull_request.opened` with them as the sender); `head` may
    name a fork's branch as `forkowner:branch`."""
    head_owner, _, head = str(data.get("head") or "").rpartition(":")
    base = str(data.get("base") or repo.default_branch)
    by = str(data.get("by") or repo.owner)
    if state.account(by) is None:
        raise BadInput(f"no user {by}")
    source = head_repo_for(state, repo, head_owner) if head_owner else repo
    if source is None:
        raise BadInput(f"{head_owner} has no fork of {repo.full_name}")
    for branch, holder in ((head, source), (base, repo)):
        if holder.branch_sha(branch) is None:
            raise BadInput(f"no branch {branch!r} in {holder.full_name}")
    if source.branch_sha(head) == repo.branch_sha(base):
        raise BadInput(f"no commits between {base} and {head}")
    if any(
        p.repo_id == repo.id and p.state == "open" and p.head_repo == source.id and p.head == head
        for p in state.pulls.values()
    ):
        raise BadInput(f"a pull request already exists for {source.owner}:{head}")
    title = str(data.get("title") or head)
    pr = open_pull(state, repo, head, base, title, data.get("body"), by, head_repo=source)
    return {"number": pr.number, "head_sha": pr.head_sha}


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

    outbox = state.outbox
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
        events.check_run_event(state, "rerequested", run, by)
        return {"event": "rerequested"}
    if not any(a.get("identifier") == identifier for a in run.actions):
        raise BadInput(f"check run {run_id} has no action {identifier!r}")
    events.check_run_event(state, "requested_action", run, by, {"identifier": identifier})
    return {"event": "requested_action"}
