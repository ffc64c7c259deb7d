"""The dashboard mounted by the composition root (`app.main.create_app`) next to the webhook route."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.main import build_services, create_app
from app.settings import Settings
from app.tables import Base
from tests.app.dashboard.fakes import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.anyio


@pytest.fixture
async def full_app(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    settings = Settings(
        app_id=1,
        private_key=pem,
        webhook_secret="mounted-secret",
        github_client_id=CLIENT_ID,
        github_client_secret=CLIENT_SECRET,
        database_url=f"sqlite:///{tmp_path / 'full.db'}",
        base_url="https://hygiene.example",
    )
    services = build_services(settings)
    engine = services.sessions.kw["bind"]
    Base.metadata.create_all(engine)
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    engine.dispose()


async def test_dashboard_is_served_at_the_root_with_its_headers(full_app: httpx.AsyncClient) -> None:
    home = await full_app.get("/")
    assert home.status_code == 200 and "Sign in with GitHub" in home.text
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert (await full_app.get("/static/dashboard.css")).status_code == 200
    login = await full_app.get("/login")
    assert login.headers["location"].startswith("https://github.com/login/oauth/authorize?")
    assert "redirect_uri=https%3A%2F%2Fhygiene.example%2Fauth%2Fcallback" in login.headers["location"]
    assert "secure" in login.headers["set-cookie"].lower()


async def test_webhook_route_still_wins_over_the_dashboard(full_app: httpx.AsyncClient) -> None:
    response = await full_app.post("/api/github/webhooks", content=b"{}", headers={"x-github-event": "ping"})
    assert response.status_code in (400, 401, 403)
    assert response.headers["content-type"].startswith("application/json")
