"""The app under uvicorn (with its in-process worker) wired to the GitHub simulator, both on loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import uvicorn
from sqlalchemy import select

from app.advisories.sync import SOURCE as SYNC_SOURCE
from app.checkruns.runner import CHECK_NAME
from app.jobs.context import Services
from app.main import build_services, create_app
from app.settings import Settings
from app.store.base import Base
from app.store.models import Job
from simulator.auth import mint_user_token
from simulator.state import CheckRun
from simulator.testing import SimulatorServer, free_port, generate_app_keypair
from tests.advisory_data import store_advisories

APP_ID = 4242
SECRET = "e2e-webhook-secret"
T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 30.0, what: str = "condition") -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


class AppServer:
    def __init__(self, services: Services, port: int) -> None:
        app = create_app(services, run_worker=True, worker_poll=0.05)
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="app-uvicorn", daemon=True)

    def start(self) -> None:
        self.thread.start()
        wait_until(lambda: self.server.started, 15, "the app to start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@dataclass
class World:
    sim: SimulatorServer
    services: Services
    app: AppServer

    @property
    def control(self) -> Any:
        return self.sim.control

    def add_advisories(self, *records: dict[str, Any]) -> None:
        """Store records as the app's GitHub sync would, just now (the simulator serves no advisories,
        so an ecosystem left without any is not synced again within the cooldown)."""
        with self.services.sessions() as session, session.begin():
            store_advisories(session, records, SYNC_SOURCE)

    def open_pull(
        self, owner: str, repo: str, head: str, base: str = "main", by: str = "alice"
    ) -> dict[str, Any]:
        with self.sim.state.lock:
            token = mint_user_token(self.sim.state, by).token
        response = httpx.post(
            f"{self.sim.base_url}/repos/{owner}/{repo}/pulls",
            json={"head": head, "base": base, "title": f"Change from {head}"},
            headers={"Authorization": f"token {token}"},
            timeout=30,
        )
        response.raise_for_status()
        return dict(response.json())

    def runs(self, head_sha: str) -> list[CheckRun]:
        with self.sim.state.lock:
            found = [
                r
                for r in self.sim.state.check_runs.values()
                if r.head_sha == head_sha and r.name == CHECK_NAME
            ]
        return sorted(found, key=lambda r: r.id)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until the simulator has sent every webhook and the app has run every job."""

        def idle() -> bool:
            self.control.wait_for_webhooks(timeout)
            with self.services.sessions() as session:
                busy = session.scalars(
                    select(Job.id).where(Job.state.in_(("queued", "running"))).limit(1)
                ).first()
            return busy is None

        wait_until(lambda: idle() and idle(), timeout, "the app to finish its jobs")

    def completed_run(self, head_sha: str, timeout: float = 30.0) -> CheckRun:
        def done() -> CheckRun | None:
            runs = [r for r in self.runs(head_sha) if r.status == "completed"]
            return runs[-1] if runs else None

        return wait_until(done, timeout, f"a completed check run on {head_sha[:7]}")

    def job_errors(self, prefix: str = "") -> list[tuple[str, str | None]]:
        """(kind, last_error) of every job that failed at least once (kinds starting with `prefix`)."""
        with self.services.sessions() as session:
            rows = session.execute(select(Job.kind, Job.last_error).where(Job.last_error.is_not(None))).all()
        return [(k, e) for k, e in rows if k.startswith(prefix)]


def start_world(tmp_path: Path, **settings_overrides: Any) -> World:
    private, public = generate_app_keypair()
    port = free_port()
    sim = SimulatorServer().start()
    try:
        sim.control.register_app(
            id=APP_ID,
            slug="repo-hygiene",
            public_key_pem=public,
            webhook_secret=SECRET,
            webhook_url=f"http://127.0.0.1:{port}/api/github/webhooks",
        )
        settings = Settings(
            app_id=APP_ID,
            private_key=private,
            webhook_secret=SECRET,
            github_api_url=sim.base_url,
            write_interval_ms=0,  # no pacing of writes against the simulator
            database_url=f"sqlite:///{tmp_path / 'app.db'}",
            worker_concurrency=2,
        ).model_copy(update=settings_overrides)
        services = build_services(settings)
        Base.metadata.create_all(services.sessions.kw["bind"])
        app = AppServer(services, port)
        app.start()
    except BaseException:
        sim.stop()
        raise
    return World(sim, services, app)
