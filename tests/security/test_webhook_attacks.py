"""Attacks through the webhook receiver: deeply nested bodies, signed but malformed payloads, slow
bodies, and account renames (whose freed login another account may take)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing
import referencing.jsonschema
from sqlalchemy import func, select

import app.web
from app.jobs.context import Services
from app.store.accounts import FormerLogin
from app.store.models import Delivery, Installation, Job, Repository
from app.webhooks.verify import MAX_DEPTH
from tests.app.core.conftest import installation_payload, post_event, signed_headers
from tests.app.core.helpers import deliver, run_deliveries
from tests.conftest import shared_path

pytestmark = pytest.mark.anyio


def stored(services: Services) -> int:
    with services.sessions() as session:
        return session.scalar(select(func.count()).select_from(Delivery)) or 0


def delivery_jobs(services: Services) -> list[Job]:
    with services.sessions() as session:
        return list(session.scalars(select(Job).where(Job.kind == "delivery").order_by(Job.id)))


def nested(depth: int) -> bytes:
    return b'{"action": "created", "x": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"


@pytest.mark.parametrize("depth", [1_000, 100_000, MAX_DEPTH + 1])
async def test_a_signed_deeply_nested_body_is_refused_with_400(
    client: httpx.AsyncClient, services: Services, depth: int
) -> None:
    response = await post_event(client, "push", nested(depth), f"deep-{depth}")
    assert response.status_code == 400
    assert stored(services) == 0


async def test_nesting_as_deep_as_real_payloads_is_accepted(client: httpx.AsyncClient) -> None:
    assert (await post_event(client, "push", nested(MAX_DEPTH - 2), "shallow")).status_code == 202


async def test_a_wide_shallow_body_with_many_brackets_is_accepted(client: httpx.AsyncClient) -> None:
    wide = b'{"action": "created", "x": [' + b",".join([b'{"a": [1]}'] * (3 * MAX_DEPTH)) + b"]}"
    assert (await post_event(client, "push", wide, "wide")).status_code == 202


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("push", {"ref": "refs/heads/main", "after": "a" * 40, "installation": {"id": 1}}),
        ("push", {"ref": "refs/heads/main", "installation": {"id": 1}, "repository": "acme/widget"}),
        ("pull_request", {"action": "opened", "installation": {"id": 1}, "pull_request": "x"}),
        ("installation", {"action": "created", "installation": {"id": 1}}),
        ("installation_target", {"action": "renamed", "installation": {"id": 1}, "account": [1]}),
        ("organization", {"action": "deleted", "installation": {"id": 1}}),
    ],
)
async def test_a_signed_payload_missing_what_its_handler_needs_ends_at_once(
    services: Services, event: str, payload: dict[str, Any]
) -> None:
    deliver(services, "installation", installation_payload("created", [(5, "widget")]))
    await run_deliveries(services)
    deliver(services, event, payload)
    await run_deliveries(services)
    job = delivery_jobs(services)[-1]
    assert (job.state, job.attempts) == ("done", 1), job.last_error
    assert job.outcome is not None and "malformed payload" in job.outcome


async def _dribble() -> AsyncIterator[bytes]:
    yield b'{"action": '
    await asyncio.sleep(5)
    yield b'"created"}'


async def test_a_body_that_never_finishes_is_cut_off(
    client: httpx.AsyncClient, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.web, "BODY_READ_SECONDS", 0.2)
    headers = signed_headers("push", b'{"action": "created"}', "slow")
    started = asyncio.get_running_loop().time()
    response = await client.post("/api/github/webhooks", content=_dribble(), headers=headers)
    assert response.status_code == 408
    assert asyncio.get_running_loop().time() - started < 3
    assert stored(services) == 0


# -- account renames ---------------------------------------------------------------------------------


def _schema_validator(event: str, action: str) -> jsonschema.Draft7Validator:
    root = shared_path("fixtures", "webhooks-schemas")
    schemas = [json.loads(p.read_text()) for p in (root / "common").glob("*.schema.json")]
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (s["$id"], referencing.Resource.from_contents(s, default_specification=referencing.jsonschema.DRAFT7))
        for s in schemas
    )
    path: Path = root / event / f"{action}.schema.json"
    return jsonschema.Draft7Validator(json.loads(path.read_text()), registry=registry)


def account(login: str, account_id: int) -> dict[str, Any]:
    return {
        "login": login,
        "id": account_id,
        "node_id": f"O_{account_id}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{account_id}?v=4",
        "html_url": f"https://github.com/{login}",
        "type": "Organization",
    }


def installation_target_renamed(
    old: str, new: str, account_id: int, installation_id: int = 1
) -> dict[str, Any]:
    payload = {
        "action": "renamed",
        "target_type": "Organization",
        "account": account(new, account_id),
        "changes": {"login": {"from": old}},
        "installation": {"id": installation_id, "node_id": f"MDIz{installation_id}"},
    }
    errors = list(_schema_validator("installation_target", "renamed").iter_errors(payload))
    assert errors == [], errors
    return payload


def install(
    services: Services,
    installation_id: int,
    login: str,
    account_id: int,
    repos: list[tuple[int, str]],
    selection: str = "selected",
) -> None:
    payload = installation_payload("created", repos, inst_id=installation_id)
    payload["installation"]["account"] = {"login": login, "id": account_id, "type": "Organization"}
    payload["installation"]["repository_selection"] = selection
    for repo in payload["repositories"]:
        repo["full_name"] = f"{login}/{repo['name']}"
    deliver(services, "installation", payload)


def logins(services: Services) -> dict[int, tuple[str, list[str]]]:
    with services.sessions() as session:
        return {
            i.id: (
                i.account_login,
                sorted(session.scalars(select(Repository.owner).where(Repository.installation_id == i.id))),
            )
            for i in session.scalars(select(Installation))
        }


async def test_installation_target_renamed_keeps_the_login_current(services: Services) -> None:
    install(services, 1, "acme", 100, [(5, "widget"), (6, "gadget")])
    await run_deliveries(services)
    deliver(services, "installation_target", installation_target_renamed("acme", "acme-corp", 100))
    await run_deliveries(services)
    assert logins(services) == {1: ("acme-corp", ["acme-corp", "acme-corp"])}
    with services.sessions() as session:
        former = session.get(FormerLogin, "acme")
        assert former is not None and former.account_id == 100
    assert delivery_jobs(services)[-1].outcome is None


async def test_a_rename_of_an_account_we_do_not_know_changes_nothing(services: Services) -> None:
    install(services, 1, "acme", 100, [(5, "widget")])
    await run_deliveries(services)
    # signed, but about another account id that merely claims acme's old login
    deliver(services, "installation_target", installation_target_renamed("acme", "evil", 666, 2))
    await run_deliveries(services)
    assert logins(services) == {1: ("acme", ["acme"])}
    assert delivery_jobs(services)[-1].outcome == "ignored: account 666 has no installation"


async def test_organization_renamed_and_deleted_are_matched_by_org_id(services: Services) -> None:
    install(services, 1, "acme", 100, [(5, "widget")])
    install(services, 2, "other", 200, [(7, "tool")])
    await run_deliveries(services)
    renamed = {
        "action": "renamed",
        "changes": {"login": {"from": "acme"}},
        "organization": {"login": "acme-corp", "id": 100},
        "installation": {"id": 1},
    }
    deliver(services, "organization", renamed)
    await run_deliveries(services)
    assert logins(services) == {1: ("acme-corp", ["acme-corp"]), 2: ("other", ["other"])}
    deleted = {
        "action": "deleted",
        "organization": {"login": "acme-corp", "id": 100},
        "installation": {"id": 1},
    }
    deliver(services, "organization", deleted)
    await run_deliveries(services)
    with services.sessions() as session:
        gone, kept = session.get(Installation, 1), session.get(Installation, 2)
        widget = session.get(Repository, 5)
        assert gone is not None and kept is not None and widget is not None
        assert gone.deleted_at is not None and kept.deleted_at is None
        assert widget.removed_reason == "deleted"


async def test_an_installation_event_with_a_new_login_records_the_missed_rename(services: Services) -> None:
    install(services, 1, "acme", 100, [(5, "widget")])
    await run_deliveries(services)
    install(services, 1, "acme-corp", 100, [(5, "widget")])  # e.g. new_permissions_accepted after a rename
    await run_deliveries(services)
    assert logins(services) == {1: ("acme-corp", ["acme-corp"])}
    with services.sessions() as session:
        assert session.get(FormerLogin, "acme") is not None


async def test_the_simulators_org_rename_reaches_the_app_and_keeps_identity(services: Services) -> None:
    from simulator.renames import rename_account
    from simulator.state import SimState
    from simulator.world import create_org, create_repo, install, register_app

    state = SimState()
    register_app(
        state,
        {"public_key_pem": "unused", "webhook_secret": "s", "events": ["push", "repository", "organization"]},
    )
    org = create_org(state, {"login": "acme"})
    create_repo(state, {"owner": "acme", "name": "widget"})
    install(state, {"account": "acme"})
    rename_account(state, "acme", {"login": "acme-corp"})
    create_org(state, {"login": "acme"})  # someone else takes the freed name
    sent = [(d.event, json.loads(d.body)) for d in state.deliveries]
    assert [(event, payload.get("action")) for event, payload in sent] == [
        ("installation", "created"),
        ("installation_target", "renamed"),
        ("organization", "renamed"),
    ]
    errors = list(_schema_validator("installation_target", "renamed").iter_errors(sent[1][1]))
    assert errors == [], errors
    for event, payload in sent:
        deliver(services, event, payload)
    await run_deliveries(services)
    assert [j.state for j in delivery_jobs(services)] == ["done"] * 3
    with services.sessions() as session:
        installation = session.scalars(select(Installation)).one()
        assert (installation.account_id, installation.account_login) == (org["id"], "acme-corp")
        assert [r.owner for r in session.scalars(select(Repository))] == ["acme-corp"]


async def test_a_repository_moved_to_another_account_with_our_old_login_is_not_ours(
    services: Services,
) -> None:
    # acme (id 100) renamed without us hearing of it; the new holder of "acme" (id 666) receives widget
    install(services, 1, "acme", 100, [(5, "widget")], selection="all")
    await run_deliveries(services)
    transferred = {
        "action": "transferred",
        "changes": {"owner": {"from": {"user": {"login": "acme-corp", "id": 100}}}},
        "repository": {
            "id": 5,
            "name": "widget",
            "full_name": "acme/widget",
            "owner": {"login": "acme", "id": 666},
        },
        "installation": {"id": 1},
    }
    deliver(services, "repository", transferred)
    created = {
        "action": "created",
        "repository": {
            "id": 6,
            "name": "trap",
            "full_name": "acme/trap",
            "owner": {"login": "acme", "id": 666},
        },
        "installation": {"id": 1},
    }
    deliver(services, "repository", created)
    await run_deliveries(services)
    with services.sessions() as session:
        widget = session.get(Repository, 5)
        assert widget is not None and widget.removed_reason == "transferred"
        assert session.get(Repository, 6) is None  # created in the other account: not ours either
    ours = {
        **created,
        "repository": {**created["repository"], "id": 7, "owner": {"login": "acme", "id": 100}},
    }
    deliver(services, "repository", ours)
    await run_deliveries(services)
    with services.sessions() as session:
        assert session.get(Repository, 7) is not None  # the check can say yes


def test_the_manifest_subscribes_to_every_event_the_app_handles() -> None:
    """An event a handler waits for but the App never subscribed to would never arrive: renames and
    deletions would go unseen. installation and installation_repositories need no subscription
    (GitHub sends them to every App; github_app_authorization too)."""
    import yaml

    from app.webhooks.router import router
    from app.wiring import load_handlers

    load_handlers()
    manifest = yaml.safe_load((Path(__file__).resolve().parents[2] / "app.yml").read_text())
    subscribed = set(manifest["default_events"])
    handled = {event for event, _ in router._routes}
    always_sent = {"installation", "installation_repositories", "github_app_authorization"}
    assert handled - always_sent <= subscribed
    assert {"installation_target", "organization"} <= subscribed
    assert manifest["default_permissions"]["members"] == "read"  # GitHub's condition for organization
