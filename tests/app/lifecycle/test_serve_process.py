"""`repo-hygiene serve` on a fresh machine (no database, no .env, embedded default), and the CLI's
one-line answer to a missing or malformed setting. Both through the real entry point, as a process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.store.base import make_engine
from app.store.models import Job
from app.webhooks.verify import signature_for
from simulator.testing import free_port, generate_app_keypair
from tests.conftest import PROJECT_ROOT, shared_path

SECRET = "serve-test-secret"
SETTINGS = ("APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "DATABASE_URL", "PORT")


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS and k != "GITHUB_API_URL"}
    # nothing listens on this loopback port: the start-up sync fails quietly, never reaching GitHub
    env.update({"PYTHONPATH": str(PROJECT_ROOT), "GITHUB_API_URL": f"http://127.0.0.1:{free_port()}"})
    env.update(values)
    return env


@contextmanager
def running_serve(workdir: Path, output: list[str], *options: str) -> Iterator[str]:
    """`python -m app serve` in `workdir` with a generated key; yields its base URL. The process's
    whole log is appended to `output` once it has stopped."""
    key = workdir / "app.pem"
    if not key.exists():
        key.write_text(generate_app_keypair()[0])
    port = free_port()
    env = clean_env(
        APP_ID="4242", PRIVATE_KEY_PATH=str(key), WEBHOOK_SECRET=SECRET, PORT=str(port), LOG_LEVEL="DEBUG"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", *options],
        cwd=workdir,  # a fresh directory: the default SQLite file is created here
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"serve exited early:\n{proc.communicate()[0]}"
            assert time.monotonic() < deadline, "serve did not answer /healthz within 60 s"
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            output.append(proc.communicate(timeout=20)[0])
        except subprocess.TimeoutExpired:
            proc.kill()
            output.append(proc.communicate(timeout=10)[0])


def post(base: str, event: str, body: bytes, guid: str, secret: str = SECRET) -> httpx.Response:
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid,
        "X-Hub-Signature-256": signature_for(secret, body),
        "Content-Type": "application/json",
    }
    return httpx.post(f"{base}/api/github/webhooks", content=body, headers=headers, timeout=10)


def test_serve_on_a_fresh_machine_answers_healthz_and_a_signed_ping(tmp_path: Path) -> None:
    output: list[str] = []
    with running_serve(tmp_path, output) as base:
        assert httpx.get(f"{base}/healthz", timeout=5).json() == {"ok": True}
        ping = shared_path("fixtures", "webhooks", "ping", "with-app_id.payload.json").read_bytes()
        answer = post(base, "ping", ping, "ping-1")
        assert answer.status_code == 200 and answer.json()["zen"] == json.loads(ping)["zen"]
        assert post(base, "ping", ping, "ping-2", secret="wrong").status_code == 401
        event = json.dumps({"action": "created", "installation": {"id": 1}}).encode()
        assert post(base, "sponsorship", event, "d-1").status_code == 202  # stored in the default database
        assert (tmp_path / "repo-hygiene.db").is_file()
        time.sleep(1)  # the in-process worker takes the delivery; the start-up sync fails (no GitHub)
    log = output[0]
    assert "d-1" in log or "sponsorship" in log, log  # the DEBUG log really was captured
    key_body = (tmp_path / "app.pem").read_text().splitlines()[1]
    for secret in (SECRET, "PRIVATE KEY", key_body, "eyJ"):  # webhook secret, PEM, a JWT
        assert secret not in log


def delivery_jobs(workdir: Path) -> list[tuple[str, str | None]]:
    engine = make_engine(f"sqlite:///{workdir / 'repo-hygiene.db'}")
    try:
        with engine.connect() as db:
            rows = db.execute(select(Job.state, Job.outcome).where(Job.kind == "delivery")).all()
    finally:
        engine.dispose()
    return [(state, outcome) for state, outcome in rows]


def test_web_without_worker_and_a_separate_worker_process(tmp_path: Path) -> None:
    """The Procfile split: `serve --no-worker` stores and acknowledges, `worker` alone runs the job."""
    output: list[str] = []
    with running_serve(tmp_path, output, "--no-worker") as base:
        event = json.dumps({"action": "created", "installation": {"id": 1}}).encode()
        assert post(base, "sponsorship", event, "split-1").status_code == 202
        time.sleep(0.5)
        assert delivery_jobs(tmp_path) == [("queued", None)]  # nobody runs jobs in the web process
    env = clean_env(
        APP_ID="4242",
        PRIVATE_KEY_PATH=str(tmp_path / "app.pem"),
        WEBHOOK_SECRET=SECRET,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "app", "worker"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while delivery_jobs(tmp_path)[0][0] != "done":
            assert worker.poll() is None, worker.communicate()[0]
            assert time.monotonic() < deadline, "the worker did not run the delivery job"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        log = worker.communicate(timeout=30)[0]
    assert worker.returncode == 0, log  # SIGTERM stops it gracefully
    assert (delivery_jobs(tmp_path)[0][1] or "").startswith("ignored: no handler for sponsorship.created")


@pytest.mark.parametrize(
    ("env", "line"),
    [
        # with none of APP_ID, PRIVATE_KEY and WEBHOOK_SECRET, serve offers the setup page instead
        # (tests/app/setup/test_manifest_flow.py); a partial configuration is still one line
        (
            {"WEBHOOK_SECRET": "s"},
            "repo-hygiene: setting APP_ID: is required (the numeric ID on the GitHub App's settings page)",
        ),
        ({"APP_ID": "12"}, "repo-hygiene: setting PRIVATE_KEY: is required"),
        (
            {"APP_ID": "12", "PRIVATE_KEY": "-----BEGIN PRIVATE KEY-----\nnot base64\n"},
            "repo-hygiene: setting PRIVATE_KEY: is not a readable unencrypted PEM private key",
        ),
        (
            {"APP_ID": "12", "PRIVATE_KEY_PATH": "/nonexistent/app.pem"},
            "repo-hygiene: setting PRIVATE_KEY_PATH:",
        ),
        ({"PORT": "eighty"}, "repo-hygiene: setting PORT: must be a whole number, not 'eighty'"),
    ],
)
def test_a_missing_or_malformed_setting_is_one_clear_line(
    tmp_path: Path, private_key_pem: str, env: dict[str, str], line: str
) -> None:
    if "PORT" in env:  # every other setting valid, so the malformed one is what is reported
        env = {"APP_ID": "12", "PRIVATE_KEY": private_key_pem, "WEBHOOK_SECRET": "s", **env}
    proc = subprocess.run(
        [sys.executable, "-m", "app", "serve"],
        cwd=tmp_path,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), proc.stderr
    assert "Traceback" not in proc.stderr and "BEGIN" not in proc.stderr
    assert not (tmp_path / "repo-hygiene.db").exists()  # nothing was started
