"""Attacks on who may see an organisation's dashboard: identity is the org's numeric id, not its login.

The scenario: the installed org "acme" (id 100, admin ada) renames itself to "acme-corp"; mallory
registers the freed name "acme" (a new org, id 666) and is its admin. The fake GitHub answers as the
real one would afterwards: "acme" is mallory's org, "acme-corp" is ada's.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.store.accounts import record_rename
from app.store.models import Installation, Repository
from tests.app.dashboard.conftest import Client, SignIn
from tests.app.dashboard.fakes import add_org, add_repo
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.anyio

ORG_PAGES = ["", "/advisories", "/jobs", "/repos/api", "/export.csv", "/export.json", "/trend.svg"]
# traces of acme's repositories in the seed ("web" is private; lodash is one of api's findings)
VICTIM_TRACES = ("/repos/api", "/repos/web", "acme/api", "acme/web", "lodash", "Prototype pollution")


@pytest.fixture
def squatted(github: FakeGitHub) -> FakeGitHub:
    """GitHub after the rename: ada administers acme-corp (id 100), mallory the new acme (id 666)."""
    github.users["mallory"] = 666_000
    github.orgs.clear()
    github.orgs.update({"acme": 666, "acme-corp": 100, "other-org": 200})
    github.memberships.pop(("ada", "acme"))
    github.memberships[("ada", "acme-corp")] = ("active", "admin")
    github.memberships[("mallory", "acme")] = ("active", "admin")
    return github


def rename(sessions: sessionmaker[Session], account_id: int, new: str, old: str) -> None:
    with sessions() as db, db.begin():
        record_rename(db, account_id, new, old)


def shows_victim_data(text: str) -> bool:
    return any(trace in text for trace in VICTIM_TRACES)


@pytest.mark.parametrize("page", ORG_PAGES)
async def test_the_squatter_of_a_renamed_orgs_login_sees_nothing_before_the_rename_is_known(
    squatted: FakeGitHub, sign_in: SignIn, page: str
) -> None:
    # the rename webhook was missed: the store still calls account 100 "acme"
    mallory = await sign_in("mallory")
    response = await mallory.get(f"/orgs/acme{page}")
    assert response.status_code == 404
    assert not shows_victim_data(response.text)
    home = await mallory.get("/")
    assert "/orgs/acme" not in home.text and not shows_victim_data(home.text)


@pytest.mark.parametrize("page", ORG_PAGES)
async def test_the_squatter_sees_nothing_after_the_rename_either(
    squatted: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session], page: str
) -> None:
    rename(sessions, 100, "acme-corp", "acme")
    mallory = await sign_in("mallory")
    for path in (f"/orgs/acme{page}", f"/orgs/acme-corp{page}"):
        response = await mallory.get(path)
        assert response.status_code == 404, path
        assert not shows_victim_data(response.text)
        assert "location" not in response.headers


@pytest.mark.parametrize("page", ORG_PAGES)
async def test_the_real_owner_keeps_access_under_the_new_name(
    squatted: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session], page: str
) -> None:
    rename(sessions, 100, "acme-corp", "acme")
    ada = await sign_in("ada")
    assert (await ada.get(f"/orgs/acme-corp{page}")).status_code == 200
    # the old name follows the rename while no installation holds it
    moved = await ada.get(f"/orgs/acme{page}", params={"page": "2"})
    assert moved.status_code == 307
    assert moved.headers["location"] == f"/orgs/acme-corp{page}?page=2"


async def test_a_stored_login_alone_grants_nothing_to_the_real_owner_either(
    squatted: FakeGitHub, sign_in: SignIn
) -> None:
    # before the rename is known, ada is asked about "acme", which GitHub now says is not hers
    ada = await sign_in("ada")
    assert (await ada.get("/orgs/acme")).status_code == 404
    assert (await ada.get("/orgs/acme-corp")).status_code == 404  # no installation under that name yet


async def test_no_redirect_once_someone_else_installed_the_app_under_the_old_name(
    squatted: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    rename(sessions, 100, "acme-corp", "acme")
    with sessions() as db, db.begin():
        add_org(db, 9, "acme", account_id=666)
        db.flush()
        add_repo(db, 90, 9, "acme", "mallory-repo", {"security-policy": "pass"})
    ada = await sign_in("ada")
    response = await ada.get("/orgs/acme")
    assert response.status_code == 404 and "location" not in response.headers
    mallory = await sign_in("mallory")
    own = await mallory.get("/orgs/acme")
    assert own.status_code == 200 and "mallory-repo" in own.text
    assert not shows_victim_data(own.text)
    export = await mallory.get("/orgs/acme/export.csv")
    assert export.status_code == 200 and "mallory-repo" in export.text and not shows_victim_data(export.text)


async def test_a_redirect_never_reveals_the_new_name_to_someone_without_access(
    squatted: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    rename(sessions, 100, "acme-corp", "acme")
    mel = await sign_in("mel")
    response = await mel.get("/orgs/acme")
    assert response.status_code == 404 and "acme-corp" not in response.text


async def test_a_membership_answer_without_the_org_id_grants_nothing(
    github: FakeGitHub, sign_in: SignIn
) -> None:
    github.orgs.pop("acme")  # GitHub's answer now lacks organization.id
    ada = await sign_in("ada")
    assert (await ada.get("/orgs/acme")).status_code == 404
    assert (await ada.get("/orgs/acme/export.json")).status_code == 404


async def test_a_cached_admin_answer_does_not_follow_the_login_to_another_org(
    github: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    ada = await sign_in("ada")
    assert (await ada.get("/orgs/acme")).status_code == 200  # cached: "acme" is org 100
    # acme renames, mallory takes the name and installs the app; ada's cached answer is still fresh
    rename(sessions, 100, "acme-corp", "acme")
    with sessions() as db, db.begin():
        add_org(db, 9, "acme", account_id=666)
        db.flush()
        add_repo(db, 90, 9, "acme", "mallory-repo", {"security-policy": "pass"})
    response = await ada.get("/orgs/acme")
    assert response.status_code == 404 and "mallory-repo" not in response.text


async def test_a_personal_installation_is_matched_by_user_id_not_login(
    github: FakeGitHub, sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    # alice (user 501) renamed herself; someone else (user 777) registered "alice"
    with sessions() as db, db.begin():
        installation = db.get(Installation, 3)
        assert installation is not None
        installation.account_login = "alice"
    github.users.pop("alice")
    github.users["alice"] = 777
    impostor = await sign_in("alice")
    response = await impostor.get("/orgs/alice")
    assert response.status_code == 404


async def test_badges_of_an_ambiguous_login_are_not_served(
    anon: Client, sessions: sessionmaker[Session]
) -> None:
    assert (await anon.get("/badges/acme/api.svg")).status_code == 200
    # a second installed account now carries "acme" (the first one's rename was missed)
    with sessions() as db, db.begin():
        add_org(db, 9, "acme", account_id=666)
        db.flush()
        add_repo(db, 90, 9, "acme", "api", {"security-policy": "fail"})
    assert (await anon.get("/badges/acme/api.svg")).status_code == 404
    rename(sessions, 100, "acme-corp", "acme")
    mine = await anon.get("/badges/acme/api.svg")
    assert mine.status_code == 200 and "1 issue" in mine.text  # mallory's own repository
    assert (await anon.get("/badges/acme-corp/api.svg")).status_code == 200


async def test_a_rename_updates_owners_and_links_of_the_accounts_repositories(
    sessions: sessionmaker[Session],
) -> None:
    rename(sessions, 100, "acme-corp", "acme")
    with sessions() as db:
        repo = db.get(Repository, 11)
        installation = db.get(Installation, 1)
        assert repo is not None and installation is not None
        assert installation.account_login == "acme-corp"
        assert (repo.owner, repo.html_url) == ("acme-corp", f"https://ghe.test/acme-corp/{repo.name}")


async def test_a_deleted_org_delivered_by_the_simulator_closes_its_dashboard(
    sessions: sessionmaker[Session], sign_in: SignIn
) -> None:
    """End to end: the simulator deletes the org (GitHub's `organization.deleted` shape, account id
    100, as installation 1 holds it), the app's handler ends the installation, and its admin, still a
    member on the fake GitHub, gets the same 404 as for an org without the app."""
    import json

    from app.jobs.context import JobContext, Services
    from app.webhooks.accounts import organization_deleted
    from app.webhooks.router import WebhookEvent
    from simulator.renames import delete_org
    from simulator.state import SimState
    from simulator.world import create_org, install, register_app

    ada = await sign_in("ada")
    assert (await ada.get("/orgs/acme")).status_code == 200

    state = SimState()
    register_app(state, {"public_key_pem": "unused", "webhook_secret": "s", "events": ["organization"]})
    state._next_id = 99  # the next id the simulator gives is 100, the account id the store holds
    org = create_org(state, {"login": "acme"})
    assert org["id"] == 100
    install(state, {"account": "acme"})
    delete_org(state, "acme", {})
    sent = [(d.event, json.loads(d.body)) for d in state.deliveries]
    assert [(event, payload["action"]) for event, payload in sent] == [
        ("installation", "created"),
        ("organization", "deleted"),
        ("installation", "deleted"),
    ]
    _, deleted = sent[1]
    assert deleted["organization"]["id"] == 100 and {"sender", "installation"} <= set(deleted)

    services = Services(settings=None, sessions=sessions, github=None)  # type: ignore[arg-type]
    ctx = JobContext(services, job_id=1, kind="delivery", attempt=1)
    await organization_deleted(WebhookEvent("organization", "guid-deleted", deleted), ctx)
    assert ctx.outcome is None
    with sessions() as db:
        installation = db.get(Installation, 1)
        assert installation is not None and installation.deleted_at is not None
    for page in ORG_PAGES:
        response = await ada.get(f"/orgs/acme{page}")
        assert response.status_code == 404, page
        assert not shows_victim_data(response.text)
