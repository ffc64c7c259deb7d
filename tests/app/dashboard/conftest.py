"""Dashboard fixtures: a SQLite file per test, the fake GitHub, and a signed-in client factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy.orm import Session, sessionmaker

import app.tables  # noqa: F401  (registers every table)
from app.dashboard import dashboard_app
from app.jobs.context import Services
from app.settings import Settings
from app.store.base import Base, make_engine, make_sessionmaker
from tests.app.dashboard.fakes import API, CLIENT_ID, CLIENT_SECRET, WEB, Clock, seed
from tests.fakes.github import FakeGitHub

Client = httpx.AsyncClient


@pytest.fixture
def sessions(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'dash.db'}")
    Base.metadata.create_all(engine)
    maker = make_sessionmaker(engine)
    with maker() as db, db.begin():
        seed(db)
    yield maker
    engine.dispose()


@pytest.fixture
def github() -> FakeGitHub:
    users = {"olga": 900, "mel": 901, "oscar": 902, "ada": 903, "pat": 904, "alice": 501}
    fake = FakeGitHub(api=API, web=WEB, client_secret=CLIENT_SECRET, users=users)
    fake.memberships.update(
        {
            ("mel", "acme"): ("active", "member"),
            ("oscar", "other-org"): ("active", "admin"),
            ("ada", "acme"): ("active", "admin"),
            ("pat", "acme"): ("pending", "admin"),
        }
    )
    return fake


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "github_client_id": CLIENT_ID,
        "github_client_secret": CLIENT_SECRET,
        "github_api_url": API,
        "webhook_secret": "webhook-secret-for-tests",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def dash_app(sessions: sessionmaker[Session], github: FakeGitHub, clock: Clock):  # type: ignore[no-untyped-def]
    services = Services(settings=make_settings(), sessions=sessions, github=None)  # type: ignore[arg-type]
    return dashboard_app(services, transport=github.transport(), now=clock)


@pytest.fixture
async def anon(dash_app) -> AsyncIterator[Client]:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=dash_app), base_url="http://dash.test"
    ) as c:
        yield c


SignIn = Callable[[str], Awaitable[Client]]


@pytest.fixture
async def sign_in(dash_app, github: FakeGitHub) -> AsyncIterator[SignIn]:  # type: ignore[no-untyped-def]
    clients: list[Client] = []

    async def signed_in_as(login: str) -> Client:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=dash_app), base_url="http://dash.test")
        clients.append(client)
        await complete_sign_in(client, github, login)
        return client

    yield signed_in_as
    for client in clients:
        await client.aclose()


async def complete_sign_in(
    client: Client, github: FakeGitHub, login: str, next_path: str = "/"
) -> httpx.Response:
    start = await client.get("/login", params={"next": next_path})
    assert start.status_code == 302
    query = parse_qs(urlsplit(start.headers["location"]).query)
    code = github.code_for(login, query["code_challenge"][0])
    done = await client.get("/auth/callback", params={"code": code, "state": query["state"][0]})
    assert done.status_code == 303, done.text
    return done
