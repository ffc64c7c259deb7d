"""The setup pages' refusals: no token, a callback this server did not start, a code GitHub refuses,
an unwritable `.env`. None of them writes credentials or hands over to the real app."""

from __future__ import annotations

import html
import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from app.settings import Settings
from app.setup.web import SetupPages
from simulator.testing import SimulatorServer
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.anyio
TOKEN = "setup-token-for-tests"


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorServer]:
    with SimulatorServer() as server:
        server.control.create_org("acme")
        yield server


class Pages:
    def __init__(self, pages: SetupPages, client: httpx.AsyncClient) -> None:
        self.pages, self.client = pages, client
        self.registered = 0

    async def form(self, **params: str) -> tuple[str, dict[str, object]]:
        page = await self.client.get("/setup", params={"token": TOKEN, **params})
        assert page.status_code == 200, page.text
        action = re.search(r'action="([^"]+)"', page.text)
        value = re.search(r'name="manifest" value="([^"]+)"', page.text)
        assert action and value
        return html.unescape(action.group(1)), json.loads(html.unescape(value.group(1)))

    async def register_on_sim(self, **params: str) -> str:
        """The browser's trip to the simulator; returns the callback path and query."""
        action, manifest = await self.form(**params)
        async with httpx.AsyncClient() as browser:
            created = await browser.post(action, data={"manifest": json.dumps(manifest)})
        assert created.status_code == 302, created.text
        return created.headers["location"].removeprefix("http://setup.test")


async def make_pages(sim: SimulatorServer, env_path: Path, **settings: str) -> AsyncIterator[Pages]:
    holder: list[Pages] = []

    async def on_registered() -> None:
        holder[0].registered += 1

    pages = SetupPages(
        Settings(github_api_url=sim.base_url, **settings),  # type: ignore[arg-type]
        token=TOKEN,
        app_yml=PROJECT_ROOT / "app.yml",
        webhook_path="/api/github/webhooks",
        on_registered=on_registered,
        env_path=env_path,
    )
    transport = httpx.ASGITransport(app=pages.app())
    async with httpx.AsyncClient(transport=transport, base_url="http://setup.test") as client:
        holder.append(Pages(pages, client))
        yield holder[0]


@pytest.fixture
async def pages(sim: SimulatorServer, tmp_path: Path) -> AsyncIterator[Pages]:
    async for made in make_pages(sim, tmp_path / ".env"):
        yield made


async def test_without_the_token_there_is_no_form(pages: Pages) -> None:
    for params in ({}, {"token": "wrong"}):
        for path in ("/", "/setup"):
            answer = await pages.client.get(path, params=params)
            assert answer.status_code == 403 and "<form" not in answer.text
            assert "repo-hygiene demo" in answer.text


async def test_a_callback_this_server_did_not_start_is_refused(pages: Pages, tmp_path: Path) -> None:
    callback = await pages.register_on_sim()
    forged = re.sub(r"state=[^&]+", "state=made-up", callback)
    answer = await pages.client.get(forged)
    assert answer.status_code == 400 and "not started from this server" in answer.text
    assert (await pages.client.get(callback.split("&state=")[0])).status_code == 400  # no state at all
    assert not (tmp_path / ".env").exists() and pages.registered == 0


async def test_a_code_github_refuses_writes_nothing(pages: Pages, tmp_path: Path) -> None:
    callback = await pages.register_on_sim()
    refused = re.sub(r"code=[^&]+", "code=" + "0" * 40, callback)
    answer = await pages.client.get(refused)
    assert answer.status_code == 502 and "did not hand over" in answer.text
    assert not (tmp_path / ".env").exists() and pages.registered == 0


async def test_an_unwritable_env_file_is_reported_and_nothing_starts(
    sim: SimulatorServer, tmp_path: Path
) -> None:
    async for pages in make_pages(sim, tmp_path / "missing-dir" / ".env"):
        answer = await pages.client.get(await pages.register_on_sim())
        assert answer.status_code == 500 and "could not be written" in answer.text
        assert pages.registered == 0


async def test_a_second_registration_is_refused(pages: Pages) -> None:
    assert (await pages.client.get(await pages.register_on_sim())).status_code == 200
    assert pages.registered == 1
    again = await pages.client.get(await pages.register_on_sim())
    assert again.status_code == 409 and pages.registered == 1


async def test_gh_org_or_the_org_parameter_register_for_an_organisation(
    sim: SimulatorServer, tmp_path: Path
) -> None:
    async for pages in make_pages(sim, tmp_path / ".env", gh_org="acme"):
        action, _ = await pages.form()
        assert action.startswith(f"{sim.base_url}/organizations/acme/settings/apps/new?state=")
        action, _ = await pages.form(org="other-org")
        assert action.startswith(f"{sim.base_url}/organizations/other-org/settings/apps/new?state=")
        bad = await pages.client.get("/setup", params={"token": TOKEN, "org": "<script>"})
        assert bad.status_code == 400 and "<script>" not in bad.text


async def test_when_the_app_cannot_take_over_the_page_says_to_restart(
    sim: SimulatorServer, tmp_path: Path
) -> None:
    async for pages in make_pages(sim, tmp_path / ".env"):

        async def failing() -> None:
            raise RuntimeError("the database went away")

        pages.pages.on_registered = failing
        answer = await pages.client.get(await pages.register_on_sim())
        assert answer.status_code == 500 and "Restart" in answer.text
        assert "APP_ID=" in (tmp_path / ".env").read_text()  # the credentials were kept
