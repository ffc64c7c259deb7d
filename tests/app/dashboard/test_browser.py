"""A real headless Chromium signs in through the GitHub simulator's OAuth flow, filters the org table,
downloads the CSV, and leaves a screenshot in test-artifacts/."""

from __future__ import annotations

import csv
import io
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp

from app.dashboard import dashboard_app
from app.jobs.context import Services
from app.store.models import Installation
from simulator.testing import SimulatorServer, free_port, generate_app_keypair
from tests.app.dashboard.conftest import make_settings
from tests.app.dashboard.fakes import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve(app: ASGIApp, port: int) -> Iterator[str]:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"server on port {port} did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def servers(sessions: sessionmaker[Session]) -> Iterator[str]:
    """The GitHub simulator (simulator/) with acme's admin signed in, and the dashboard beside it."""
    dashboard_port = free_port()
    dashboard_url = f"http://127.0.0.1:{dashboard_port}"
    with SimulatorServer() as sim:
        _private, public = generate_app_keypair()
        sim.control.register_app(
            public_key_pem=public,
            webhook_secret="browser-test",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            callback_urls=[f"{dashboard_url}/auth/callback"],
        )
        acme = sim.control.create_org("acme")
        with sessions() as db, db.begin():  # the seeded installation is the simulator's acme, by id
            db.execute(
                update(Installation).where(Installation.account_login == "acme").values(account_id=acme["id"])
            )
        sim.control.create_user("ada", orgs={"acme": "admin"})
        sim.control.set_oauth_user("ada")
        settings = make_settings(github_api_url=sim.base_url)
        app = dashboard_app(Services(settings, sessions, None))  # type: ignore[arg-type]
        yield from serve(app, dashboard_port)


def test_admin_signs_in_filters_and_downloads_the_csv(servers: str, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            console_errors: list[str] = []
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.goto(servers + "/")
            page.get_by_role("link", name="Sign in with GitHub").click()
            page.get_by_role("heading", name="Your organisations").wait_for()
            page.get_by_role("link", name="acme").click()
            page.get_by_role("heading", name="acme", exact=True).wait_for()
            chart = page.get_by_role("img", name="Compliance of acme over 90 days")
            assert chart.is_visible() and "compliant today" in (chart.get_attribute("aria-label") or "")

            page.get_by_label("Name contains").fill("e")
            page.get_by_label("Failing only").check()
            page.get_by_role("button", name="Filter").click()
            page.wait_for_url("**/orgs/acme?*failing=1*")
            rows = page.locator("table.matrix tbody th[scope=row]").all_inner_texts()
            assert [r.split()[0] for r in rows] == ["web"]

            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "dashboard-org.png"), full_page=True)

            with page.expect_download() as info:
                page.get_by_role("link", name="Export CSV").click()
            target = tmp_path / "export.csv"
            info.value.save_as(target)
            exported = list(csv.DictReader(io.StringIO(target.read_text())))
            assert {r["repository"] for r in exported} == {"web"}
            assert {r["check"] for r in exported} == {
                "security-policy",
                "security-badge",
                "dependency-advisories",
            }
            page.get_by_role("link", name="Advisories").click()
            page.get_by_role("heading", name="Advisories affecting acme").wait_for()
            assert page.get_by_text("Prototype pollution <script>alert(1)</script>").is_visible()
            page.screenshot(path=str(ARTIFACTS / "dashboard-advisories.png"), full_page=True)
            page.get_by_role("link", name="api").first.click()
            page.get_by_role("heading", name="History").wait_for()
            page.screenshot(path=str(ARTIFACTS / "dashboard-repo.png"), full_page=True)
            assert not [e for e in console_errors if "Content Security Policy" in e]
        finally:
            browser.close()
