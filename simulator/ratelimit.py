"""Primary rate limits per identity (installation budget 5,000/h by default), GitHub's headers."""

from __future__ import annotations

from simulator.api import ApiError, Identity
from simulator.state import SimState

WINDOW = 3600
DEFAULTS = {"installation": 5000, "user": 5000, "app": 5000, "anonymous": 60}


def _limit(state: SimState, ident: Identity) -> int:
    inst = ident.installation
    if inst is not None:
        if inst.id in state.budget_limit:
            return state.budget_limit[inst.id]
        # GitHub: +50/h per repository and per organisation member above 20, capped at 12,500
        repos = len(state.installation_repos(inst))
        account = state.account(inst.account)
        members = len(account.members) if account else 0
        extra = 50 * (max(0, repos - 20) + max(0, members - 20))
        return min(12_500, DEFAULTS["installation"] + extra)
    return DEFAULTS.get(ident.kind, 60)


def status(state: SimState, ident: Identity, resource: str) -> dict[str, int]:
    """The bucket as GET /rate_limit reports it, without spending anything."""
    start, used = state.budget_used.get(f"{ident.bucket}:{resource}", (state.now(), 0))
    if state.now() >= start + WINDOW:
        start, used = state.now(), 0
    limit = _limit(state, ident)
    return {"limit": limit, "used": used, "remaining": max(0, limit - used), "reset": int(start + WINDOW)}


def consume(state: SimState, ident: Identity, resource: str) -> dict[str, str]:
    """Count one request and return the x-ratelimit headers; 403 when the budget is spent."""
    bucket = f"{ident.bucket}:{resource}"
    now = state.now()
    start, used = state.budget_used.get(bucket, (now, 0))
    if now >= start + WINDOW:
        start, used = now, 0
    limit = _limit(state, ident)
    reset = int(start + WINDOW)
    if used >= limit:
        headers = _headers(limit, used, reset, resource)
        who = f"installation ID {ident.installation.id}" if ident.installation else "this identity"
        raise ApiError(
            403,
            f"API rate limit exceeded for {who}.",
            headers=headers,
            docs="https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        )
    used += 1
    state.budget_used[bucket] = (start, used)
    return _headers(limit, used, reset, resource)


def refund(state: SimState, ident: Identity, resource: str) -> dict[str, str]:
    """A 304 answer does not count against the primary limit: the request is given back, and the
    headers of the answer say so (the same `remaining` as before the request)."""
    bucket = f"{ident.bucket}:{resource}"
    if bucket in state.budget_used:
        start, used = state.budget_used[bucket]
        state.budget_used[bucket] = (start, max(0, used - 1))
    now = status(state, ident, resource)
    return _headers(now["limit"], now["used"], now["reset"], resource)


def _headers(limit: int, used: int, reset: int, resource: str) -> dict[str, str]:
    return {
        "x-ratelimit-limit": str(limit),
        "x-ratelimit-remaining": str(max(0, limit - used)),
        "x-ratelimit-reset": str(reset),
        "x-ratelimit-used": str(used),
        "x-ratelimit-resource": resource,
    }
