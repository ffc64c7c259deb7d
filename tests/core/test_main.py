from __future__ import annotations

import sys
import types
from typing import Any

import httpx
import pytest
from starlette.responses import PlainTextResponse

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

    fake = types.ModuleType("app.dashboard")
    fake.dashboard_app = dashboard_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.dashboard", fake)
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/")).text == "dashboard"
        assert (await client.get("/anything")).text == "dashboard"
        assert (await client.get("/healthz")).json() == {"ok": True}
        assert (await client.post("/api/github/webhooks", content=b"{}")).status_code == 401
    assert seen == [services]


async def test_without_a_dashboard_only_the_app_routes_exist(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "app.dashboard", None)  # as in a build without the dashboard
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/")).status_code == 404
