"""The README's screenshots, taken from `repo-hygiene demo` by a real headless Chromium: the app's
pull request, its "Dependency advisories" check run and the dashboard.

Every run takes them and asserts what the pages show, never pixels. They are written to
docs/screenshots/ when `REPO_HYGIENE_SCREENSHOTS=update` (`scripts/screenshots`), otherwise to a
temporary folder, so a test run leaves the checkout as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
from pathlib import Path

import pytest

from app.demo.world import DEMO_ORG, VULNERABLE_REPO
from tests.app.dashboard.test_browser import CHROMIUM_ARGS
from tests.app.demo.test_demo_e2e import (  # noqa: F401  (demo is a fixture)
    BOT,
    Demo,
    demo,
    failing_check_run,
    hygiene_pulls,
    wait_for,
)
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 860}
SHOTS = ("pull-request.png", "check-run.png", "dashboard.png")  # the README shows these
POLICY_REPO = "no-policy"  # no SECURITY.md: the app's pull request adds one and the badge


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_readme_screenshots_come_from_the_demo(demo: Demo, tmp_path: Path) -> None:  # noqa: F811
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    sign_in = wait_for(
        "sign-in URL", demo, lambda: re.search(rf"http://127\.0\.0\.1:{demo.port}/login\S*", demo.output)
    ).group(0)
    ours = wait_for("hygiene pull requests", demo, lambda: hygiene_pulls(demo))
    run = wait_for("failing check run", demo, lambda: failing_check_run(demo))
    ui = f"http://127.0.0.1:{demo.sim_port}/_sandbox/ui/{DEMO_ORG}"
    folder = SCREENSHOTS if os.environ.get("REPO_HYGIENE_SCREENSHOTS") == "update" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    urls = (
        f"{ui}/{POLICY_REPO}/pull/{ours[POLICY_REPO][0]['number']}",
        f"{ui}/{VULNERABLE_REPO}/runs/{run['id']}",
        sign_in,  # the simulator's OAuth approves at once, then the org page
    )
    shots = dict(zip(SHOTS, urls, strict=True))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            for name, url in shots.items():
                page.goto(url)
                page.wait_for_load_state("networkidle")
                if name == "pull-request.png":
                    assert page.get_by_text("SECURITY.md").first.is_visible()
                    assert BOT in page.content()
                elif name == "check-run.png":
                    page.get_by_role("heading", name="Dependency advisories").wait_for()
                    assert "GHSA-35jh-r3h4-6jhm" in page.content()
                else:
                    page.get_by_role("heading", name=DEMO_ORG, exact=True).wait_for()
                    assert page.url.endswith(f"/orgs/{DEMO_ORG}")
                    assert page.get_by_role("img", name=f"Compliance of {DEMO_ORG}").is_visible()
                page.screenshot(path=str(folder / name), full_page=name == "dashboard.png")
        finally:
            browser.close()
    for name in shots:
        width, height = png_size(folder / name)
        assert width == VIEWPORT["width"] and height >= VIEWPORT["height"], (name, width, height)
