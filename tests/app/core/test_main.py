from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.responses import PlainTextResponse

import app.main
from app.jobs.context import Services
from app.main import create_app

pytestmark = pytest.mark.anyio


async def test_dashboard_is_mounted_after_the_app_routes(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Services] = []

    def dashboard_app(given: Services) -> Any:
        seen.append(given)
        return PlainTextResponse("dashboard")

    monkeypatch.setattr(app.main, "dashboard_app", dashboard_app)
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/")).text == "dashboard"
        assert (await client.get("/anything")).text == "dashboard"
        assert (await client.get("/healthz")).json() == {"ok": True}
        assert (await client.post("/api/github/webhooks", content=b"{}")).status_code == 401
    assert seen == [services]


async def test_the_dashboard_always_ships_and_answers_at_the_root(services: Services) -> None:
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        home = await client.get("/")
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]
