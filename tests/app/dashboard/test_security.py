"""Headers, CSRF, cookies, the OAuth state/PKCE checks, escaping, and the derived secrets."""

from __future__ import annotations

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.routing import Route

from app.dashboard import dashboard_app
from app.dashboard.github_user import web_root
from app.dashboard.keys import DashboardConfigError, session_secret
from app.dashboard.store import DashboardSession
from app.dashboard.web_security import SECURITY_HEADERS
from app.errors import SettingsError
from app.jobs.context import Services
from tests.app.dashboard.conftest import Client, SignIn, complete_sign_in, make_settings
from tests.app.dashboard.fakes import CLIENT_ID, CLIENT_SECRET, WEB, Clock
from tests.fakes.github import FakeGitHub

pytestmark = pytest.mark.anyio

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def assert_security_headers(response: httpx.Response) -> None:
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] in ("same-origin", "no-referrer")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/login",
        "/orgs/acme",
        "/orgs/acme/export.csv",
        "/static/dashboard.css",
        "/badges/acme/api.svg",
        "/badges/acme/web.svg",
        "/auth/callback?code=x&state=y",
    ],
)
async def test_every_response_carries_the_security_headers(anon: Client, path: str) -> None:
    assert_security_headers(await anon.get(path))
    assert SECURITY_HEADERS["content-security-policy"] == CSP


async def test_signed_in_pages_carry_headers_and_no_inline_script(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    for path in ["/", "/orgs/acme", "/orgs/acme/advisories", "/orgs/acme/repos/api", "/orgs/nope"]:
        response = await client.get(path)
        assert_security_headers(response)
        assert "<script" not in response.text.lower() and "style=" not in response.text


async def test_logout_without_or_with_a_wrong_csrf_token_is_refused(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    assert (await client.post("/logout")).status_code == 403
    assert (await client.post("/logout", data={"csrf": "forged"})).status_code == 403
    assert (await client.get("/orgs/acme")).status_code == 200  # still signed in


async def test_logout_with_the_token_deletes_the_session_row(
    sign_in: SignIn, sessions: sessionmaker[Session]
) -> None:
    client = await sign_in("ada")
    home = await client.get("/")
    token = home.text.split('name="csrf" value="')[1].split('"')[0]
    cookie = client.cookies.get("rh_session")
    response = await client.post("/logout", data={"csrf": token})
    assert response.status_code == 303 and response.headers["location"] == "/"
    with sessions() as db:
        assert db.scalars(select(DashboardSession)).all() == []
    client.cookies.set("rh_session", cookie or "")  # replaying the old cookie does not work either
    assert (await client.get("/orgs/acme")).status_code == 303


def test_every_post_route_is_csrf_protected(dash_app) -> None:  # type: ignore[no-untyped-def]
    posts = [r for r in dash_app.routes if isinstance(r, Route) and "POST" in (r.methods or set())]
    assert [r.path for r in posts] == ["/logout"]
    assert all(r.endpoint.__qualname__.startswith("csrf_protected") for r in posts)


async def test_session_cookie_is_httponly_lax_and_holds_no_token(
    anon: Client, github: FakeGitHub, sessions: sessionmaker[Session]
) -> None:
    done = await complete_sign_in(anon, github, "ada")
    header = next(h for h in done.headers.get_list("set-cookie") if h.startswith("rh_session="))
    attributes = header.lower()
    assert "httponly" in attributes and "samesite=lax" in attributes and "secure" not in attributes
    assert "ghu_" not in header
    with sessions() as db:
        row = db.scalars(select(DashboardSession)).one()
        assert b"ghu_" not in row.token_encrypted and row.login == "ada" and row.user_id == 903


async def test_cookie_is_secure_when_the_base_url_is_https(
    sessions: sessionmaker[Session], github: FakeGitHub
) -> None:
    settings = make_settings(base_url="https://hygiene.example")
    app = dashboard_app(Services(settings, sessions, None), transport=github.transport(), now=Clock())  # type: ignore[arg-type]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://dash.test"
    ) as client:
        start = await client.get("/login")
        query = parse_qs(urlsplit(start.headers["location"]).query)
        assert query["redirect_uri"] == ["https://hygiene.example/auth/callback"]
        cookie = SimpleCookie(start.headers["set-cookie"])
        assert cookie["rh_login"]["secure"]


async def test_login_redirects_to_the_web_root_with_pkce_and_state(anon: Client) -> None:
    start = await anon.get("/login", params={"next": "/orgs/acme"})
    url = urlsplit(start.headers["location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{WEB}/login/oauth/authorize"
    query = parse_qs(url.query)
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32 and len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"] == ["http://dash.test/auth/callback"]


async def test_callback_with_a_foreign_state_signs_nobody_in(
    anon: Client, github: FakeGitHub, sessions: sessionmaker[Session]
) -> None:
    start = await anon.get("/login")
    challenge = parse_qs(urlsplit(start.headers["location"]).query)["code_challenge"][0]
    response = await anon.get(
        "/auth/callback", params={"code": github.code_for("ada", challenge), "state": "x" * 43}
    )
    assert response.status_code == 400
    assert github.token_requests == []
    with sessions() as db:
        assert db.scalars(select(DashboardSession)).all() == []


async def test_callback_without_the_login_cookie_is_refused(anon: Client, github: FakeGitHub) -> None:
    response = await anon.get("/auth/callback", params={"code": "code-ada", "state": "anything"})
    assert response.status_code == 400 and "expired" in response.text
    assert github.token_requests == []


async def test_github_error_answer_with_http_200_is_a_failed_sign_in(
    anon: Client, github: FakeGitHub
) -> None:
    start = await anon.get("/login")
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    github.challenges["code-ada"] = "not-the-real-challenge"
    response = await anon.get("/auth/callback", params={"code": "code-ada", "state": state})
    assert response.status_code == 400 and "The code is wrong" in response.text
    sent = github.token_requests[0]
    assert set(sent) == {"client_id", "client_secret", "code", "redirect_uri", "code_verifier"}
    assert "rh_session" not in anon.cookies


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:x"]
)
async def test_next_never_leaves_the_site(anon: Client, github: FakeGitHub, target: str) -> None:
    done = await complete_sign_in(anon, github, "ada", next_path=target)
    assert done.headers["location"] == "/"


async def test_next_brings_the_user_back_to_the_page_asked_for(anon: Client, github: FakeGitHub) -> None:
    done = await complete_sign_in(anon, github, "ada", next_path="/orgs/acme?failing=1")
    assert done.headers["location"] == "/orgs/acme?failing=1"


async def test_markup_in_names_and_advisories_renders_as_text(sign_in: SignIn) -> None:
    client = await sign_in("ada")
    org = await client.get("/orgs/acme")
    assert "&lt;b&gt;tools&lt;/b&gt;" in org.text and "<b>tools</b>" not in org.text
    for path in ["/orgs/acme/advisories", "/orgs/acme/repos/api"]:
        page = await client.get(path)
        assert "Prototype pollution &lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        assert "<script>" not in page.text


async def test_a_second_worker_with_the_same_settings_accepts_the_cookie(
    sign_in: SignIn, sessions: sessionmaker[Session], github: FakeGitHub
) -> None:
    client = await sign_in("ada")
    other = dashboard_app(
        Services(make_settings(), sessions, None), transport=github.transport(), now=Clock()
    )  # type: ignore[arg-type]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=other), base_url="http://dash.test"
    ) as second:
        second.cookies.set("rh_session", client.cookies.get("rh_session") or "")
        assert (await second.get("/orgs/acme")).status_code == 200


def test_session_secret_needs_some_source() -> None:
    with pytest.raises(DashboardConfigError, match="SESSION_SECRET"):
        session_secret(make_settings(webhook_secret=None, private_key=None))
    with pytest.raises(SettingsError, match="SESSION_SECRET: must be at least 16"):
        make_settings(session_secret="short")
    derived = session_secret(make_settings())
    assert derived == session_secret(make_settings()) and derived != session_secret(
        make_settings(webhook_secret="x")
    )


@pytest.mark.parametrize(
    ("api", "root"),
    [
        ("https://api.github.com", "https://github.com"),
        ("https://ghe.corp/api/v3", "https://ghe.corp"),
        ("http://127.0.0.1:8931/", "http://127.0.0.1:8931"),
    ],
)
def test_oauth_web_root(api: str, root: str) -> None:
    assert web_root(api) == root


def test_dashboard_settings_are_typed_and_secret() -> None:
    settings = make_settings(session_secret="a-long-enough-session-secret", base_url="https://h.example/")
    assert settings.base_url == "https://h.example"
    assert "a-long-enough" not in repr(settings) and CLIENT_SECRET not in repr(settings)
    assert session_secret(settings) == session_secret(
        make_settings(session_secret="a-long-enough-session-secret", webhook_secret="other")
    )
