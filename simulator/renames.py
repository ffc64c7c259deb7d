"""Account renames, as GitHub performs them: the login changes, the numeric id stays, repositories
follow, and the freed login may be registered by someone else afterwards. The App hears about it
through `installation_target.renamed` (always sent) and, for organisations, `organization.renamed`
(when subscribed). Caller holds state.lock."""

from __future__ import annotations

from typing import Any

from simulator.shapes import node_id, organization, user
from simulator.state import SimState
from simulator.webhooks import record
from simulator.world import BadInput


def rename_account(state: SimState, old_login: str, data: dict[str, Any]) -> dict[str, Any]:
    new_login = str(data.get("login") or "")
    acc = state.account(old_login)
    if acc is None:
        raise BadInput(f"no account {old_login}")
    if not new_login or (state.account(new_login) is not None and new_login.lower() != old_login.lower()):
        raise BadInput(f"login {new_login!r} is not available")
    old = acc.login
    del state.accounts[old.lower()]
    acc.login = new_login
    state.accounts[new_login.lower()] = acc
    for repo in state.repos.values():
        if repo.owner.lower() == old.lower():
            repo.owner = new_login
    installations = [i for i in state.installations.values() if i.account.lower() == old.lower()]
    for inst in installations:
        inst.account = new_login
    sender = str(data.get("sender") or new_login)
    for inst in installations:
        base = {
            "changes": {"login": {"from": old}},
            "installation": {"id": inst.id, "node_id": node_id("Installation", inst.id)},
            "sender": user(state, sender),
        }
        account = organization(state, acc) if acc.type == "Organization" else user(state, acc.login)
        account["html_url"] = f"{state.html_url}/{acc.login}"
        account["description"] = None  # as in GitHub's schema for this event
        record(
            state,
            "installation_target",
            {"action": "renamed", "target_type": acc.type, "account": account, **base},
        )
        if acc.type == "Organization":
            record(
                state, "organization", {"action": "renamed", "organization": organization(state, acc), **base}
            )
    return {"id": acc.id, "login": acc.login, "from": old}
