"""App endpoints (JWT): the app, installations, token minting, hook deliveries; plus orgs and users."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from simulator import events, ratelimit, webhooks
from simulator.api import API, ApiError, Ctx, json_response, not_found
from simulator.auth import mint_installation_token
from simulator.shapes import app_json, installation, organization, repository, user
from simulator.state import Delivery, Installation, iso


def _app_installation(ctx: Ctx, inst: Installation | None) -> Installation:
    assert ctx.identity.app is not None
    if inst is None or inst.app_id != ctx.identity.app.id:
        raise not_found()
    return inst


@API.route("GET", "/app", auth="app")
async def get_app(ctx: Ctx) -> Response:
    assert ctx.identity.app is not None
    return json_response(app_json(ctx.state, ctx.identity.app))


@API.route("GET", "/app/installations", auth="app")
async def list_installations(ctx: Ctx) -> Response:
    assert ctx.identity.app is not None
    mine = [i for i in ctx.state.installations.values() if i.app_id == ctx.identity.app.id]
    return json_response(ctx.paginate([installation(ctx.state, i) for i in mine]))


@API.route("GET", "/app/installations/{installation_id}", auth="app")
async def get_installation(ctx: Ctx) -> Response:
    raw = ctx.params["installation_id"]
    inst = ctx.state.installations.get(int(raw)) if raw.isdigit() else None
    return json_response(installation(ctx.state, _app_installation(ctx, inst)))


@API.route("GET", "/repos/{owner}/{repo}/installation", auth="app")
async def get_repo_installation(ctx: Ctx) -> Response:
    repo = ctx.state.repo_by_name(ctx.params["owner"], ctx.params["repo"])
    inst = events.installation_for(ctx.state, repo) if repo else None
    return json_response(installation(ctx.state, _app_installation(ctx, inst)))


@API.route("GET", "/orgs/{org}/installation", auth="app")
@API.route("GET", "/users/{org}/installation", auth="app")
async def get_account_installation(ctx: Ctx) -> Response:
    inst = ctx.state.installation_for_account(ctx.params["org"])
    return json_response(installation(ctx.state, _app_installation(ctx, inst)))


@API.route("POST", "/app/installations/{installation_id}/access_tokens", auth="app")
async def create_token(ctx: Ctx) -> Response:
    raw = ctx.params["installation_id"]
    inst = _app_installation(ctx, ctx.state.installations.get(int(raw)) if raw.isdigit() else None)
    if inst.suspended_at:
        raise ApiError(403, "This installation has been suspended")
    data = ctx.json()
    covered = ctx.state.installation_repos(inst)
    repo_ids: set[int] | None = None
    if data.get("repositories") or data.get("repository_ids"):
        names = {str(n).lower() for n in data.get("repositories") or []}
        ids = {int(i) for i in data.get("repository_ids") or []}
        if len(names) + len(ids) > 500:
            raise ApiError(422, "Too many repositories were requested (500 maximum)")
        chosen = [r for r in covered if r.name.lower() in names or r.id in ids]
        if len(chosen) != len(names) + len(ids):
            raise ApiError(422, "There is at least one repository that does not exist or is not accessible")
        repo_ids = {r.id for r in chosen}
    stateless = ctx.request.headers.get("x-github-stateless-s2s-token", "").lower() == "enabled"
    token = mint_installation_token(
        ctx.state, inst, permissions=data.get("permissions"), repo_ids=repo_ids, stateless=stateless
    )
    body: dict[str, Any] = {
        "token": token.token,
        "expires_at": iso(token.expires_at),
        "permissions": token.permissions,
        "repository_selection": "selected" if repo_ids is not None else inst.repository_selection,
    }
    if repo_ids is not None:
        body["repositories"] = [repository(ctx.state, r) for r in covered if r.id in repo_ids]
    return json_response(body, 201)


@API.route("GET", "/installation/repositories")
async def installation_repositories(ctx: Ctx) -> Response:
    ident = ctx.identity
    if ident.kind != "installation" or ident.installation is None or ident.token is None:
        raise ApiError(403, "You must authenticate with an installation access token to list repositories.")
    repos = ctx.state.installation_repos(ident.installation)
    if ident.token.repo_ids is not None:
        repos = [r for r in repos if r.id in ident.token.repo_ids]
    page = ctx.paginate([repository(ctx.state, r) for r in repos])
    body = {"total_count": len(repos), "repository_selection": ident.installation.repository_selection}
    return json_response(body | {"repositories": page})


def _delivery_item(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id,
        "guid": d.guid,
        "delivered_at": iso(d.created_at),
        "redelivery": d.redelivery,
        "duration": round(d.duration, 3),
        "status": d.status,
        "status_code": d.status_code,
        "event": d.event,
        "action": d.action,
        "installation_id": d.installation_id,
        "repository_id": d.repository_id,
        "throttled_at": None,
    }


@API.route("GET", "/app/hook/deliveries", auth="app")
async def list_deliveries(ctx: Ctx) -> Response:
    items = [_delivery_item(d) for d in reversed(ctx.state.deliveries)]
    if ctx.query.get("status") == "failure":
        items = [i for i in items if i["status"] != "OK"]
    return json_response(ctx.paginate(items))


def _delivery(ctx: Ctx) -> Delivery:
    raw = ctx.params["delivery_id"]
    found = next((d for d in ctx.state.deliveries if str(d.id) == raw), None)
    if found is None:
        raise not_found()
    return found


@API.route("GET", "/app/hook/deliveries/{delivery_id}", auth="app")
async def get_delivery(ctx: Ctx) -> Response:
    d = _delivery(ctx)
    request = {"headers": d.headers, "payload": __import__("json").loads(d.body)}
    return json_response(
        _delivery_item(d)
        | {"url": "", "request": request, "response": {"headers": {}, "payload": d.response_body}}
    )


@API.route("POST", "/app/hook/deliveries/{delivery_id}/attempts", auth="app")
async def redeliver(ctx: Ctx) -> Response:
    webhooks.redeliver(ctx.state, _delivery(ctx))
    return json_response({}, 202)


@API.route("GET", "/rate_limit")
async def rate_limit(ctx: Ctx) -> Response:
    core = ratelimit.status(ctx.state, ctx.identity, "core")
    graphql = ratelimit.status(ctx.state, ctx.identity, "graphql")
    body: dict[str, Any] = {"resources": {"core": core, "graphql": graphql}}
    if ctx.request.headers.get("x-github-api-version", "2022-11-28") == "2022-11-28":
        body["rate"] = core  # removed in 2026-03-10
    return json_response(body)


@API.route("GET", "/orgs/{org}")
async def get_org(ctx: Ctx) -> Response:
    acc = ctx.state.account(ctx.params["org"])
    if acc is None or acc.type != "Organization":
        raise not_found()
    return json_response(organization(ctx.state, acc) | {"name": acc.name, "type": "Organization"})


def _membership(ctx: Ctx, org_login: str, login: str) -> dict[str, Any]:
    org = ctx.state.account(org_login)
    if org is None or org.type != "Organization" or login.lower() not in org.members:
        raise not_found()
    role, status = org.members[login.lower()]
    return {
        "url": f"{ctx.state.base_url}/orgs/{org.login}/memberships/{login}",
        "state": status,
        "role": role,
        "organization_url": f"{ctx.state.base_url}/orgs/{org.login}",
        "organization": organization(ctx.state, org),
        "direct_membership": True,
        "enterprise_teams_providing_indirect_membership": [],
        "user": user(ctx.state, login),
    }


@API.route("GET", "/orgs/{org}/memberships/{username}")
async def org_membership(ctx: Ctx) -> Response:
    ident = ctx.identity
    if ident.kind == "installation":
        assert ident.installation is not None and ident.token is not None
        if ident.installation.account.lower() != ctx.params["org"].lower():
            raise not_found()
        if not ident.token.permissions.get("members"):
            raise ApiError(
                403,
                "Resource not accessible by integration",
                headers={"X-Accepted-GitHub-Permissions": "members=read"},
            )
    elif ident.kind != "user":
        raise ApiError(401, "Requires authentication")
    return json_response(_membership(ctx, ctx.params["org"], ctx.params["username"]))


@API.route("GET", "/user/memberships/orgs/{org}", auth="user")
async def my_membership(ctx: Ctx) -> Response:
    assert ctx.identity.user is not None
    return json_response(_membership(ctx, ctx.params["org"], ctx.identity.user))


@API.route("GET", "/user", auth="user")
async def get_authenticated_user(ctx: Ctx) -> Response:
    assert ctx.identity.user is not None
    acc = ctx.state.account(ctx.identity.user)
    extra = {"name": acc.name if acc else None, "email": acc.email if acc else None}
    return json_response(user(ctx.state, ctx.identity.user) | extra)


@API.route("GET", "/user/installations", auth="user")
async def user_installations(ctx: Ctx) -> Response:
    login = (ctx.identity.user or "").lower()
    visible = []
    for inst in ctx.state.installations.values():
        acc = ctx.state.account(inst.account)
        if acc and (acc.login.lower() == login or login in acc.members):
            visible.append(installation(ctx.state, inst))
    page = ctx.paginate(visible)
    return json_response({"total_count": len(visible), "installations": page})
