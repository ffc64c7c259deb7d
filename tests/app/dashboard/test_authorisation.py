"""Who sees what, on every org page and export: the full matrix, plus the admin re-check."""

from __future__ import annotations

import pytest

from tests.app.dashboard.conftest import Client, SignIn
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.anyio

HTML_PAGES = ["/orgs/acme", "/orgs/acme/advisories", "/orgs/acme/jobs", "/orgs/acme/repos/api"]
DATA_PAGES = ["/orgs/acme/export.csv", "/orgs/acme/export.json", "/orgs/acme/trend.svg"]
EVERY_PAGE = HTML_PAGES + DATA_PAGES


@pytest.mark.parametrize("path", HTML_PAGES)
async def test_signed_out_pages_send_to_sign_in_the_same_way_for_any_org(anon: Client, path: str) -> None:
    response = await anon.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/?next={path}"
    unknown = await anon.get(path.replace("acme", "no-such-org"))
    assert unknown.status_code == 303 and unknown.headers["location"].startswith("/?next=/orgs/no-such-org")


@pytest.mark.parametrize("path", DATA_PAGES)
async def test_signed_out_exports_are_not_found(anon: Client, path: str) -> None:
    assert (await anon.get(path)).status_code == 404


@pytest.mark.parametrize("login", ["olga", "mel", "oscar", "pat", "alice"])
@pytest.mark.parametrize("path", EVERY_PAGE)
async def test_anyone_but_an_active_admin_gets_not_found(sign_in: SignIn, login: str, path: str) -> None:
    client = await sign_in(login)
    response = await client.get(path)
    assert response.status_code == 404
    assert "acme" not in response.text and "api" not in response.text


@pytest.mark.parametrize("path", EVERY_PAGE)
async def test_the_org_admin_gets_every_page(sign_in: SignIn, path: str) -> None:
    client = await sign_in("ada")
    response = await client.get(path)
    assert response.status_code == 200, response.text


async def test_not_found_looks_the_same_whether_or_not_the_org_uses_the_app(sign_in: SignIn) -> None:
    client = await sign_in("mel")
    installed = await client.get("/orgs/other-org")
    absent = await client.get("/orgs/never-installed")
    assert installed.status_code == absent.status_code == 404
    assert installed.text == absent.text


async def test_admin_of_another_org_sees_only_that_org(sign_in: SignIn) -> None:
    client = await sign_in("oscar")
    assert (await client.get("/orgs/other-org")).status_code == 200
    assert (await client.get("/orgs/acme")).status_code == 404
    home = await client.get("/")
    assert "other-org" in home.text and "/orgs/acme" not in home.text


async def test_personal_installation_is_visible_only_to_its_account(sign_in: SignIn) -> None:
    alice = await sign_in("alice")
    assert (await alice.get("/orgs/alice")).status_code == 200
    assert (await alice.get("/orgs/alice/repos/dotfiles")).status_code == 200
    assert (await alice.get("/orgs/alice/export.json")).status_code == 200
    ada = await sign_in("ada")
    assert (await ada.get("/orgs/alice")).status_code == 404
    assert (await ada.get("/orgs/alice/export.csv")).status_code == 404


@pytest.mark.parametrize(
    ("login", "visible", "hidden"),
    [
        ("ada", ["acme"], ["other-org", "alice"]),
        ("olga", [], ["acme", "other-org", "alice"]),
        ("mel", [], ["acme"]),
        ("pat", [], ["acme"]),
        ("alice", ["alice"], ["acme", "other-org"]),
    ],
)
async def test_home_lists_exactly_the_orgs_administered(
    sign_in: SignIn, login: str, visible: list[str], hidden: list[str]
) -> None:
    page = await (await sign_in(login)).get("/")
    assert page.status_code == 200
    for org in visible:
        assert f'href="/orgs/{org}"' in page.text
    for org in hidden:
        assert f'href="/orgs/{org}"' not in page.text


async def test_demoted_admin_loses_access_on_export_at_once_and_on_pages_within_ten_minutes(
    sign_in: SignIn,
    github: FakeGitHub,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    client = await sign_in("ada")
    assert (await client.get("/orgs/acme")).status_code == 200
    github.memberships[("ada", "acme")] = ("active", "member")

    clock.advance(minutes=5)
    assert (await client.get("/orgs/acme")).status_code == 200  # the stored answer is still fresh
    assert (await client.get("/orgs/acme/export.csv")).status_code == 404  # exports always ask again
    assert (await client.get("/orgs/acme")).status_code == 404  # and the new answer is kept


async def test_demoted_admin_is_noticed_after_ten_minutes_without_an_export(
    sign_in: SignIn,
    github: FakeGitHub,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    client = await sign_in("ada")
    assert (await client.get("/orgs/acme/advisories")).status_code == 200
    calls = len(github.membership_calls)
    github.memberships.pop(("ada", "acme"))
    clock.advance(minutes=9)
    assert (await client.get("/orgs/acme/advisories")).status_code == 200
    assert len(github.membership_calls) == calls  # cached, no new question
    clock.advance(minutes=2)
    assert (await client.get("/orgs/acme/advisories")).status_code == 404
    assert len(github.membership_calls) == calls + 1


async def test_revoked_token_ends_the_session(sign_in: SignIn, github: FakeGitHub, clock) -> None:  # type: ignore[no-untyped-def]
    client = await sign_in("ada")
    github.revoked.add("ghu_ada")
    clock.advance(minutes=11)
    response = await client.get("/orgs/acme")
    assert response.status_code == 303 and response.headers["location"].startswith("/?next=")
    assert (await client.get("/orgs/acme")).status_code == 303  # the session row is gone


async def test_github_outage_shows_nothing_and_says_why(sign_in: SignIn, github: FakeGitHub) -> None:
    client = await sign_in("ada")
    github.down = True
    response = await client.get("/orgs/acme")
    assert response.status_code == 503
    assert "api" not in response.text.replace("GitHub", "")


async def test_home_says_when_github_could_not_confirm_a_role(
    sign_in: SignIn, github: FakeGitHub, clock
) -> None:  # type: ignore[no-untyped-def]
    client = await sign_in("ada")
    github.down = True
    page = await client.get("/")
    assert page.status_code == 200
    assert "could not confirm your role in 2 organisations" in page.text
    assert 'href="/orgs/acme"' not in page.text
