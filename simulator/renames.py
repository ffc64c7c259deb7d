"""Account renames and organisation deletions, as GitHub performs them.

A rename: the login changes, the numeric id stays, repositories follow, and the freed login may be
registered by someone else afterwards. The App hears about it through `installation_target.renamed`
and, for organisations, `organization.renamed` (when subscribed).

A deletion: the App hears `organization.deleted` (when subscribed; GitHub's payload: `action`,
`organization`, `sender`, `installation`), then its installations on the organisation end
(`installation.deleted`); the repositories and the login go with it. Caller holds state.lock."""

from __future__ import annotations

from typing import Any

from simulator.shapes import node_id, organization, user
from simulator.state import SimState
from simulator.webhooks import record
from simulator.world import BadInput, uninstall


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


def delete_org(state: SimState, login: str, data: dict[str, Any]) -> dict[str, Any]:
    acc = state.account(login)
    if acc is None or acc.type != "Organization":
        raise BadInput(f"no organization {login}")
    sender = str(data.get("sender") or acc.login)
    installations = [i for i in state.installations.values() if i.account.lower() == acc.login.lower()]
    for inst in installations:
        record(
            state,
            "organization",
            {
                "action": "deleted",
                "organization": organization(state, acc),
                "sender": user(state, sender),
                "installation": {"id": inst.id, "node_id": node_id("Installation", inst.id)},
            },
        )
    for inst in installations:
        uninstall(state, inst.id, {"sender": sender})
    for repo_id in [r for r, repo in state.repos.items() if repo.owner.lower() == acc.login.lower()]:
        del state.repos[repo_id]
    del state.accounts[acc.login.lower()]
    return {"deleted": acc.id, "login": acc.login, "installations": [i.id for i in installations]}
