"""The manifest flow end to end, through the real `serve` process and the GitHub simulator on loopback:
a first run without credentials serves the setup page; its form registers the App on the simulator;
the callback writes the credentials to `.env` (0600) and the same process, never restarted, verifies
deliveries signed with the new secret and acts as the new App."""

from __future__ import annotations

import html
import os
import queue
import re
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization

from app.settings import parse_env_file
from app.webhooks.verify import signature_for
from simulator.testing import SimulatorServer, free_port
from tests.conftest import PROJECT_ROOT

pytestmark = [pytest.mark.e2e]

CREDENTIALS = ("APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "GITHUB_CLIENT_ID")
TOKEN_LINE = re.compile(r"(http://\S+)/setup\?token=(\S+)")


class Serve:
    def __init__(self, proc: subprocess.Popen[str], lines: queue.Queue[str], base: str) -> None:
        self.proc, self.lines, self.base = proc, lines, base
        self.output: list[str] = []

    def wait_for(self, pattern: re.Pattern[str], timeout: float = 60) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, "serve exited:\n" + "".join(self.output)
                continue
            self.output.append(line)
            found = pattern.search(line)
            if found:
                return found
        raise AssertionError("serve never printed the setup link:\n" + "".join(self.output))

    def wait_until_listening(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                health = httpx.get(f"{self.base}/healthz", timeout=2)
            except httpx.TransportError:
                assert self.proc.poll() is None and time.monotonic() < deadline, self.log()
                time.sleep(0.1)
                continue
            assert health.json()["setup"], health.text  # the setup pages answer it
            return

    def log(self) -> str:
        while not self.lines.empty():
            self.output.append(self.lines.get())
        return "".join(self.output)


@contextmanager
def first_run(workdir: Path, api_url: str, **extra: str) -> Iterator[Serve]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS and not k.startswith("GITHUB_")}
    env.update(
        PYTHONPATH=str(PROJECT_ROOT), GITHUB_API_URL=api_url, PORT=str(port), LOG_LEVEL="INFO", **extra
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve"],
        cwd=workdir,  # no .env, no database: a first run
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout or ()], daemon=True)
    reader.start()
    try:
        yield Serve(proc, lines, f"http://127.0.0.1:{port}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        reader.join(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()


def form_of(page: str) -> tuple[str, str]:
    action = re.search(r'<form method="post" action="([^"]+)"', page)
    manifest = re.search(r'name="manifest" value="([^"]+)"', page)
    assert action and manifest, page
    return html.unescape(action.group(1)), html.unescape(manifest.group(1))


def deliver(base: str, body: bytes, secret: str, guid: str) -> httpx.Response:
    headers = {
        "X-GitHub-Event": "sponsorship",
        "X-GitHub-Delivery": guid,
        "X-Hub-Signature-256": signature_for(secret, body),
        "Content-Type": "application/json",
    }
    return httpx.post(f"{base}/api/github/webhooks", content=body, headers=headers, timeout=10)


def test_a_first_run_registers_the_app_and_takes_its_webhooks_without_a_restart(tmp_path: Path) -> None:
    with SimulatorServer() as sim, first_run(tmp_path, sim.base_url) as serve:
        link = serve.wait_for(TOKEN_LINE)
        base, token = link.group(1), link.group(2)
        assert base == serve.base
        serve.wait_until_listening()
        # before registration: no webhooks taken, and the form only for the token's holder
        assert deliver(base, b"{}", "anything", "early").status_code == 503
        assert httpx.get(f"{base}/", timeout=10).status_code == 403
        page = httpx.get(f"{base}/setup", params={"token": token}, timeout=10)
        assert page.status_code == 200 and "repo-hygiene demo" in page.text
        assert page.headers["referrer-policy"] == "no-referrer"
        action, manifest_json = form_of(page.text)
        assert action.startswith(f"{sim.base_url}/settings/apps/new?state=")

        # the browser posts the manifest to "GitHub", which creates the App and redirects back
        created = httpx.post(action, data={"manifest": manifest_json}, timeout=30)
        assert created.status_code == 302, created.text
        callback = created.headers["location"]
        assert callback.startswith(f"{base}/setup/callback?code=")
        app = sim.state.the_app()
        assert app is not None and app.webhook_url == f"{base}/api/github/webhooks"
        assert app.callback_urls == [f"{base}/auth/callback"]
        assert app.events == [  # app.yml's default_events, as registered
            "check_run",
            "check_suite",
            "installation_target",
            "organization",
            "pull_request",
            "push",
            "repository",
        ]

        done = httpx.get(callback, timeout=60)
        assert done.status_code == 200 and "is registered" in done.text, done.text
        assert f"{app.slug}/installations/new" in done.text
        assert httpx.get(callback, timeout=10).status_code != 200  # the state was for one use

        env_file = tmp_path / ".env"
        assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
        written = parse_env_file(env_file.read_text(encoding="utf-8"))
        assert written["APP_ID"] == str(app.id)
        assert written["WEBHOOK_SECRET"] == app.webhook_secret
        assert written["GITHUB_CLIENT_ID"] == app.client_id
        assert written["GITHUB_CLIENT_SECRET"] == app.client_secret
        key = serialization.load_pem_private_key(written["PRIVATE_KEY"].encode(), password=None)
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        assert public.decode() == app.public_key_pem

        # the same process now verifies deliveries with the secret it obtained
        body = b'{"action":"created","installation":{"id":1}}'
        assert deliver(base, body, app.webhook_secret, "signed-1").status_code == 202
        assert deliver(base, body, "not-the-secret", "forged-1").status_code == 401

        # and the simulator's own webhooks for that App are taken; the app acts as the new App
        sim.control.create_org("acme")
        sim.control.create_repo("acme", "widgets", files={"README.md": "# widgets\n"})
        sim.control.install("acme")
        sim.control.wait_for_webhooks(timeout=30)
        assert [d["status_code"] for d in sim.control.deliveries()] == [202]
        # the worker takes installation.created and mints a token with the App's new key (a JWT)
        token_call = "POST /app/installations/{installation_id}/access_tokens"
        deadline = time.monotonic() + 60
        while not sim.control.calls()["by_endpoint"].get(token_call):
            assert time.monotonic() < deadline, sim.control.calls()
            time.sleep(0.3)
        assert serve.proc.poll() is None  # never restarted
    log = serve.log()
    assert log.count(token) == 1  # the link printed once; the access log shows no query of /setup*
    code = callback.partition("code=")[2].partition("&")[0]
    for secret in (app.webhook_secret, app.client_secret, written["PRIVATE_KEY"].splitlines()[1], code):
        assert secret not in log
