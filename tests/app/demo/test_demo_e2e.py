"""`repo-hygiene demo` as a person runs it: a subprocess with the simulator, the app and its worker.

Waits (bounded) for what the demo promises - a hygiene PR on each non-compliant repository, none on the
compliant or archived ones, and the failing "Dependency advisories" check run with its lockfile
annotation - then signs in through the printed URL and stops the demo with SIGINT.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from app.demo.world import DEMO_ORG, VULNERABLE_REPO
from simulator.testing import free_port
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.e2e

BOT = "repo-hygiene[bot]"
NEEDS_A_POLICY = ("no-policy", "stale-policy", VULNERABLE_REPO)
LEFT_ALONE = ("compliant", "archived-project")
WAIT_SECONDS = 90.0
STOP_SECONDS = 20.0


@dataclass
class Demo:
    process: subprocess.Popen[str]
    port: int
    sim_port: int
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def sim(self, path: str) -> Any:
        response = httpx.get(f"http://127.0.0.1:{self.sim_port}/_sandbox{path}", timeout=10)
        response.raise_for_status()
        return response.json()


@pytest.fixture
def demo() -> Iterator[Demo]:
    port, sim_port = free_port(), free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "demo", "--port", str(port), "--sim-port", str(sim_port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Demo(process, port, sim_port)
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: running.lines.extend(iter(stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        reader.join(5)
        stdout.close()


def wait_for(what: str, demo: Demo, ready: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if demo.process.poll() is not None:
            pytest.fail(f"the demo exited ({demo.process.returncode}) before {what}:\n{demo.output}")
        try:
            found = ready()
        except httpx.HTTPError:
            found = None
        if found:
            return found
        time.sleep(0.5)
    pytest.fail(f"no {what} within {WAIT_SECONDS:.0f} s; demo output:\n{demo.output}")


def hygiene_pulls(demo: Demo) -> dict[str, list[dict[str, Any]]] | None:
    pulls = {name: demo.sim(f"/repos/{DEMO_ORG}/{name}")["pulls"] for name in NEEDS_A_POLICY + LEFT_ALONE}
    ours = {name: [p for p in found if p["user"] == BOT] for name, found in pulls.items()}
    return ours if all(ours[name] for name in NEEDS_A_POLICY) else None


def failing_check_run(demo: Demo) -> dict[str, Any] | None:
    repo = demo.sim(f"/repos/{DEMO_ORG}/{VULNERABLE_REPO}")
    heads = {p["head_sha"] for p in repo["pulls"] if p["user"] != BOT}
    return next(
        (
            run
            for run in repo["check_runs"]
            if run["head_sha"] in heads and run["status"] == "completed" and run["conclusion"] == "failure"
        ),
        None,
    )


def test_demo_end_to_end(demo: Demo) -> None:
    sign_in = wait_for(
        "sign-in URL", demo, lambda: re.search(rf"http://127\.0\.0\.1:{demo.port}/login\S*", demo.output)
    ).group(0)
    assert f"http://127.0.0.1:{demo.sim_port}/_sandbox/ui/" in demo.output
    assert "Ctrl-C" in demo.output and "app.yml" in demo.output

    ours = wait_for("hygiene pull requests", demo, lambda: hygiene_pulls(demo))
    assert all(len(ours[name]) == 1 and ours[name][0]["state"] == "open" for name in NEEDS_A_POLICY), ours
    assert all(ours[name] == [] for name in LEFT_ALONE), ours

    run = wait_for("failing check run", demo, lambda: failing_check_run(demo))
    assert run["name"] == "Dependency advisories"
    annotation = next(a for a in run["annotations"] if a["path"] == "package-lock.json")
    assert "GHSA-35jh-r3h4-6jhm" in annotation["title"] and annotation["annotation_level"] == "failure"
    assert annotation["start_line"] == 14  # `"version": "4.17.20"` under node_modules/lodash
    assert "GHSA-p6mc-m468-83gw" not in annotation["title"]  # fixed in 4.17.20
    assert "still present" in run["output"]["title"] and "introduced" not in run["output"]["title"]
    assert "fixes CVE\\-2020\\-8203" in run["output"]["summary"]
    pulls = demo.sim(f"/repos/{DEMO_ORG}/{VULNERABLE_REPO}")["pulls"]
    member_pull = next(p["number"] for p in pulls if p["user"] != BOT)
    ui = f"http://127.0.0.1:{demo.sim_port}/_sandbox/ui"
    pull_page = httpx.get(f"{ui}/{DEMO_ORG}/{VULNERABLE_REPO}/pull/{member_pull}")  # what a maintainer sees
    assert "GHSA-35jh-r3h4-6jhm" in pull_page.text and "package-lock.json:14" in pull_page.text

    with httpx.Client(follow_redirects=True, timeout=20) as browser:
        page = browser.get(sign_in)
        hops = [str(r.url) for r in page.history]
    assert page.status_code == 200, page.text[:500]
    assert str(page.url) == f"http://127.0.0.1:{demo.port}/orgs/{DEMO_ORG}"
    assert any(hop.startswith(f"http://127.0.0.1:{demo.sim_port}/login/oauth/authorize") for hop in hops)
    assert f"<h1>{DEMO_ORG}</h1>" in page.text and VULNERABLE_REPO in page.text

    assert demo.sim("/state")["unsupported"] == []  # the app asked the simulator nothing it lacks

    demo.process.send_signal(signal.SIGINT)
    assert demo.process.wait(STOP_SECONDS) == 0, demo.output
    assert "Stopped." in demo.output and "Traceback" not in demo.output, demo.output


def test_demo_stops_cleanly_on_sigterm_while_it_works(demo: Demo) -> None:
    wait_for("sign-in URL", demo, lambda: "/login?next=" in demo.output)
    demo.process.send_signal(signal.SIGTERM)  # the worker is still busy with the first scans
    assert demo.process.wait(STOP_SECONDS) == 0, demo.output
    assert "Stopped." in demo.output and "Traceback" not in demo.output, demo.output
