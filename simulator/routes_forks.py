"""`POST /repos/{owner}/{repo}/forks` (create a fork, 202) and `GET .../forks` (list them)."""

from __future__ import annotations

from starlette.responses import Response

from simulator.api import API, PERMISSION_LEVELS, ApiError, Ctx, json_response, validation_failed
from simulator.forks import ForkError, create_fork
from simulator.shapes import full_repository, repository


def _fork_owner(ctx: Ctx, organization: str | None) -> str:
    """Who the new fork belongs to: a user forks into their own account or an org they belong to;
    an installation only into its own organization, with administration write."""
    ident = ctx.identity
    if ident.kind == "user" and ident.user:
        if organization is None:
            return ident.user
        org = ctx.state.account(organization)
        if org is None or org.type != "Organization":
            raise validation_failed(f"no organization {organization}", "Fork", "organization")
        if ident.user.lower() not in org.members:
            raise ApiError(403, "You must be a member of the organization to fork into it")
        return org.login
    if ident.kind == "installation" and ident.installation and ident.token:
        level = PERMISSION_LEVELS.get(ident.token.permissions.get("administration", ""), 0)
        if organization is None or organization.lower() != ident.installation.account.lower() or level < 2:
            raise ApiError(
                403,
                "Resource not accessible by integration",
                headers={"X-Accepted-GitHub-Permissions": "administration=write"},
            )
        return ident.installation.account
    raise ApiError(401, "Requires authentication")


@API.route("POST", "/repos/{owner}/{repo}/forks")
async def create(ctx: Ctx) -> Response:
    parent = ctx.repo("contents")
    data = ctx.json()
    organization = data.get("organization")
    owner = _fork_owner(ctx, str(organization) if organization else None)
    name = data.get("name")
    try:
        fork = create_fork(
            ctx.state,
            parent,
            owner,
            name=str(name) if name else None,
            default_branch_only=bool(data.get("default_branch_only")),
            sender=ctx.identity.user or (ctx.identity.app.bot_login if ctx.identity.app else owner),
        )
    except ForkError as exc:
        raise validation_failed(str(exc), "Repository", "name") from exc
    return json_response(full_repository(ctx.state, fork), 202)


@API.route("GET", "/repos/{owner}/{repo}/forks")
async def list_forks(ctx: Ctx) -> Response:
    parent = ctx.repo("metadata")
    forks = sorted(
        (r for r in ctx.state.repos.values() if r.parent_id == parent.id), key=lambda r: -r.created_at
    )
    return json_response(ctx.paginate([repository(ctx.state, r) for r in forks]))
